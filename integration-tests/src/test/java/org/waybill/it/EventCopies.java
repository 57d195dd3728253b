package org.waybill.it;

import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.waybill.it.TestStack.db;

/**
 * Copies of an order's events, sent straight to the broker as a client would: what a duplicate delivery looks like to
 * the consumers. Each copy carries a fresh broker duplicate-detection id, so only the consumers' inboxes stand
 * between it and a second effect.
 */
final class EventCopies {
    private EventCopies() {
    }

    /** Sends a copy of every outbox message of the order to its destination; returns the event types sent. */
    static List<String> resendAll(String orderId) throws SQLException, JMSException {
        List<String> types = new ArrayList<>();
        try (Connection c = db().connect(); PreparedStatement s = c.prepareStatement("""
                SELECT event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at, correlation_id,
                       causation_id, payload::text, destination
                  FROM event_history WHERE aggregate_id = ? ORDER BY id""");
             JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String destinationName = rs.getString("destination");
                    Destination destination = destinationName.equals("waybill.events")
                            ? context.createTopic(destinationName) : context.createQueue(destinationName);
                    Message m = context.createTextMessage(rs.getString("payload"));
                    m.setStringProperty("eventId", rs.getString("event_id"));
                    m.setStringProperty("_AMQ_DUPL_ID", UUID.randomUUID().toString());
                    m.setStringProperty("eventType", rs.getString("event_type"));
                    m.setIntProperty("eventVersion", rs.getInt("event_version"));
                    m.setStringProperty("aggregateType", rs.getString("aggregate_type"));
                    m.setStringProperty("aggregateId", rs.getString("aggregate_id"));
                    m.setStringProperty("JMSXGroupID", rs.getString("aggregate_id"));
                    m.setStringProperty("occurredAt", rs.getTimestamp("occurred_at").toInstant().toString());
                    if (rs.getString("causation_id") != null) {
                        m.setStringProperty("causationId", rs.getString("causation_id"));
                    }
                    m.setJMSCorrelationID(rs.getString("correlation_id"));
                    context.createProducer().send(destination, m);
                    types.add(rs.getString("event_type"));
                }
            }
        }
        return types;
    }
}
