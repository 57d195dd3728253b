package org.waybill.load;

import org.junit.jupiter.api.Test;
import org.waybill.load.ProcessStats.JvmThreads;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessStatsTest {
    /** The names as HotSpot gives them and the kernel keeps them, cut to 15 characters. */
    @Test
    void jvmThreadsAreToldByTheNamesTheKernelKeeps() {
        assertEquals(Optional.of(JvmThreads.JIT), JvmThreads.of("C2 CompilerThre"));
        assertEquals(Optional.of(JvmThreads.JIT), JvmThreads.of("C1 CompilerThre"));
        assertEquals(Optional.of(JvmThreads.GC), JvmThreads.of("GC Thread#0"));
        assertEquals(Optional.of(JvmThreads.GC), JvmThreads.of("G1 Conc#0"));
        assertEquals(Optional.of(JvmThreads.GC), JvmThreads.of("G1 Refine#0"));
        assertEquals(Optional.empty(), JvmThreads.of("default task-12"));
        assertEquals(Optional.empty(), JvmThreads.of("Thread-3 (activ"));
        assertEquals(Optional.empty(), JvmThreads.of("VM Thread"));
    }

    /**
     * A Java thread's name is its kernel thread's name too, so a busy thread of this JVM named as a collector's counts
     * as the collector's CPU of the benchmark's own JVM, and a busy thread of another name does not.
     */
    @Test
    void aBusyThreadCountsUnderItsKindOnly() throws InterruptedException {
        ProcessStats stats = new ProcessStats(Path.of("/nonexistent-stack-home"));
        ProcessStats.Snapshot before = stats.snapshot();
        ProcessStats.Usage self;
        try (Busy busy = new Busy("GC Thread#99", "busy worker")) {
            Thread.sleep(1_000);
            // read while they run: a thread that ended is not counted
            self = stats.since(before).stream().filter(u -> u.server().equals(ProcessStats.SELF)).findFirst()
                    .orElseThrow();
        }

        Map<JvmThreads, Double> threads = self.jvmThreadsPercent();
        double gc = threads.getOrDefault(JvmThreads.GC, 0.0);
        assertTrue(gc >= 40, "the busy 'GC Thread#99' ran about a second of the second: " + threads);
        assertTrue(self.cpuPercent() >= gc + 40, "the busy worker counts in the JVM's CPU, not as GC: "
                + self.cpuPercent() + "% in all, " + threads);
    }

    /** Threads that spin until closed. */
    private static final class Busy implements AutoCloseable {
        private final AtomicBoolean spinning = new AtomicBoolean(true);
        private final Thread[] threads;

        Busy(String... names) {
            threads = new Thread[names.length];
            for (int i = 0; i < names.length; i++) {
                threads[i] = new Thread(() -> {
                    while (spinning.get()) {
                        Thread.onSpinWait();
                    }
                }, names[i]);
                threads[i].start();
            }
        }

        @Override
        public void close() throws InterruptedException {
            spinning.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
