package org.waybill.operations;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.waybill.messaging.MessagingMode;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether Waybill can work now: its database and its broker answer. For load balancers and operators. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Health {
    public record Report(boolean up, boolean database, boolean broker, String messagingMode) {
    }

    @Resource(lookup = "java:jboss/datasources/WaybillDS")
    DataSource dataSource;

    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory broker;

    @Inject
    MessagingMode mode;

    public Report check() {
        boolean database = databaseAnswers();
        boolean brokerUp = brokerAnswers();
        return new Report(database && brokerUp, database, brokerUp, mode.name());
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean brokerAnswers() {
        try (JMSContext context = broker.createContext()) {
            context.start();
            return true;
        } catch (JMSRuntimeException e) {
            return false;
        }
    }
}
