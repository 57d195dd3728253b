package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A suspended WildFly ({@code :suspend}, also the first step of every graceful stop) starts no new work, and so none
 * of Waybill's periodic tasks: they wait without a word in the log, and run again after {@code :resume}. They used to
 * be refused by WildFly's managed scheduled executor with an ERROR and a stack trace at every run (WFLYEE0110), and the
 * outbox listener's wake-up of the relay met the same refusal (WFLYEE0126), which it took for a lost connection: a
 * warning and a new connection every second.
 */
@ArquillianTest
class SuspendIT {
    /** Six of the relay's polls. */
    private static final Duration SUSPENDED = Duration.ofSeconds(3);

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void whileSuspendedThePeriodicTasksWaitQuietlyAndAfterTheResumeTheyRunAgain() throws Exception {
        Path log = TestStack.stack().node(1).serverLog();
        int logBefore = ServerLog.text(log).length();
        ModelNode suspend = Management.operation("suspend");
        suspend.get("suspend-timeout").set(30);
        Management.execute(suspend);
        String eventId;
        try {
            Eventually.await("WildFly suspended", Duration.ofSeconds(30),
                    () -> Management.execute(readSuspendState()).asString(), "SUSPENDED"::equals);
            eventId = OutboxRows.appendEventOfAnotherNode();
            OutboxRows.notifyAsAnotherNode(); // this node's listener wakes the relay, which cannot start a worker now
            Thread.sleep(SUSPENDED.toMillis());
            assertFalse(OutboxRows.published(eventId), "the relay published while WildFly was suspended");
        } finally {
            Management.execute(Management.operation("resume"));
        }
        Eventually.await("the event published after the resume", Duration.ofSeconds(30),
                () -> OutboxRows.published(eventId), published -> published);

        String order = Orders.place("suspend-resume", "tok_sandbox", "WB-MUG-01:1");
        assertEquals("COMPLETED", Orders.awaitFinal(order).getString("status"));

        assertEquals(List.of(), ServerLogs.complaints(ServerLog.text(log).substring(logBefore)),
                "lines of warning or error from the suspension to the order's end");
    }

    private static ModelNode readSuspendState() {
        ModelNode read = Management.operation("read-attribute");
        read.get("name").set("suspend-state");
        return read;
    }
}
