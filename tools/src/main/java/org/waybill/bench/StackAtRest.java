package org.waybill.bench;

import org.waybill.load.Load;
import org.waybill.load.OwnStack;
import org.waybill.load.ProcessStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Waits, before each part of the relay benchmark, until the servers have finished what the part before left them
 * (the broker reclaiming and compacting its journal, PostgreSQL's vacuum and checkpoint, WildFly's compiler), so
 * that every part starts from the same state, and says what that state was: issue 17's broker limit moved from 3,964
 * to 9,013 events/s between runs that started it in whatever state the part before left.
 */
final class StackAtRest {
    /** At rest: the servers together use less than this share of one core over one window. */
    private static final double REST_PERCENT = 10;
    private static final long WINDOW_MILLIS = 2_000;

    private final OwnStack stack;
    private final ProcessStats processes;
    /** After this the drain starts anyway, said NOT at rest; one window is always measured, to say what it was. */
    private final Duration most;

    StackAtRest(OwnStack stack, ProcessStats processes, Duration most) {
        this.stack = stack;
        this.processes = processes;
        this.most = most;
    }

    /** @return what the wait took and the broker's journal at its end, for the log */
    String await() {
        long start = System.nanoTime();
        double busy;
        do {
            ProcessStats.Snapshot before = processes.snapshot();
            Load.sleep(WINDOW_MILLIS);
            busy = serversPercent(processes.since(before));
        } while (!atRest(busy) && System.nanoTime() - start < most.toNanos());
        return String.format("%s after %.0f s (servers %.1f%% of a core), broker journal %s",
                atRest(busy) ? "at rest" : "NOT at rest", (System.nanoTime() - start) / 1e9, busy, journal());
    }

    /**
     * Below the threshold, and not below 0: a window in which PostgreSQL backends exited shows less than nothing (their
     * CPU leaves the sum with them), and says nothing of the rest.
     */
    private static boolean atRest(double busy) {
        return busy >= 0 && busy < REST_PERCENT;
    }

    private static double serversPercent(List<ProcessStats.Usage> usage) {
        return usage.stream().filter(u -> !u.server().equals(ProcessStats.SELF))
                .mapToDouble(ProcessStats.Usage::cpuPercent).sum();
    }

    /** Files and MiB: files of deleted messages stay until the journal moves to its next file and reclaims them. */
    private String journal() {
        Path folder = stack.stack().broker().journal();
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".amq")).toList();
            long bytes = 0;
            for (Path f : all) {
                bytes += Files.size(f);
            }
            return String.format("%d files, %,d MiB", all.size(), bytes / 1_048_576);
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
