package org.waybill.it;

import jakarta.jms.JMSContext;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * A replay being sent when its node stops (SIGTERM: WildFly undeploys the application) ends at its next page. The node
 * does not wait for the replay's last page, nothing stopped under the sender fails it, and the replay stays RUNNING
 * with the pages it sent recorded; resumed once it counts as stalled, here by its request again on the other node, it
 * goes on from there to its end. The history is as long as a replay may be, read by a durable subscription so that
 * the broker stores it (the pages take seconds, not milliseconds).
 */
@ArquillianTest
class ReplayStopIT {
    private static final int EVENTS = 100_000; // Replays.MAX_EVENTS

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void aReplayBeingSentWhenItsNodeStopsEndsAtItsNextPageAndIsResumedLater() throws Exception {
        String order = ReplayIT.history(EVENTS);
        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\":\"" + order + "\"}";
        String subscription = "it-replay-stop-" + UUID.randomUUID();
        try (JMSContext analytics = Broker.subscriberConnectionFactory().createContext()) {
            analytics.createSharedDurableConsumer(analytics.createTopic("waybill.replay"), subscription).close();
            try {
                String replayId;
                String log;
                try (SecondNode node = SecondNode.start()) {
                    Api.Reply asked = Api.operator().at(node.api()).post("/replays", body, "Idempotency-Key", key);
                    assertEquals(202, asked.status(), asked.body());
                    replayId = asked.json().getString("replayId");
                    Eventually.await("a first page of replay " + replayId + " sent", Duration.ofSeconds(60),
                            () -> ReplayIT.replay(replayId).getInt("sent"), sent -> sent > 0);
                    node.close();
                    log = node.log();
                }
                JsonObject stopped = ReplayIT.replay(replayId);
                assertEquals("RUNNING", stopped.getString("status"), stopped.toString());
                int sent = stopped.getInt("sent");
                assertTrue(sent < EVENTS, "the node stopped before the last page: " + stopped);
                assertTrue(log.contains("Replay " + replayId + " sender ") && log.contains(
                        " ends as the application stops"), "node 2 logged that the sender ended");
                assertFalse(log.contains("Replay " + replayId + " stopped:"), "the sender failed on its way out");
                assertFalse(log.contains("WFLYEE0043"), "a component was called after it stopped");

                // As if the stall time had passed: the request again resumes it from its last recorded page.
                db().execute("UPDATE replays SET updated_at = now() - interval '1 hour' WHERE id = ?::uuid", replayId);
                Api.Reply again = Api.post("/replays", body, "Idempotency-Key", key);
                assertEquals(202, again.status(), again.body());
                JsonObject done = Eventually.await("replay " + replayId + " resumed and done", Duration.ofSeconds(120),
                        () -> ReplayIT.replay(replayId), r -> r.getString("status").equals("DONE"));
                assertEquals(EVENTS, done.getInt("sent"));
            } finally {
                analytics.unsubscribe(subscription);
                // So long a history would weigh on every later replay of a time range (HistoryIT, HostileInputIT).
                db().execute("DELETE FROM event_log WHERE aggregate_id = ?", order);
            }
        }
    }
}
