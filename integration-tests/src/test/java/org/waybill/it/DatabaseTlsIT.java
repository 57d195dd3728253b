package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.StackSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL is reached over TLS only: every session of WildFly's pools is encrypted, and a client in the clear, or
 * one that does not trust the database's certificate, gets no session even with the application's password.
 */
@ArquillianTest
class DatabaseTlsIT {
    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void everySessionOfWildFlysPoolsIsEncrypted() throws Exception {
        Orders.awaitStatus(Orders.place("tls", "tok_sandbox", "WB-MUG-01:1"), "COMPLETED");
        try (Connection c = TestStack.db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT count(*) AS sessions, count(*) FILTER (WHERE ssl.ssl) AS encrypted,
                            count(*) FILTER (WHERE ssl.version = 'TLSv1.3') AS tls13
                     FROM pg_stat_activity activity JOIN pg_stat_ssl ssl USING (pid)
                     WHERE activity.application_name LIKE 'waybill%'""")) {
            rs.next();
            assertTrue(rs.getInt("sessions") > 0, "WildFly has sessions");
            assertEquals(rs.getInt("sessions"), rs.getInt("encrypted"), "every session of WildFly's is over TLS");
            assertEquals(rs.getInt("sessions"), rs.getInt("tls13"), "TLS 1.3");
        }
    }

    @Test
    void aClientInTheClearIsRefusedEvenWithTheApplicationsPassword() {
        SQLException refused = assertThrows(SQLException.class, () -> connect("sslmode=disable"));
        assertTrue(refused.getMessage().contains("no encryption"), refused.getMessage());
    }

    @Test
    void aClientThatDoesNotTrustTheDatabasesCertificateIsRefused() {
        // The JDK's public authorities, which never signed the development certificate.
        assertThrows(SQLException.class, () -> connect("sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"));
    }

    private static void connect(String parameters) throws SQLException {
        StackSettings s = TestStack.stack().settings();
        String url = "jdbc:postgresql://" + s.database().host() + ":" + s.database().port() + "/" + s.databaseName()
                + "?" + parameters;
        DriverManager.getConnection(url, s.databaseUser().user(), s.databaseUser().password()).close();
    }
}
