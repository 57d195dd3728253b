package org.waybill.drill;

import org.waybill.load.Load;
import org.waybill.load.OrderClients;
import org.waybill.load.OwnStack;
import org.waybill.load.ProcessStats;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bounded growth: orders at a steady rate (default 5 a second) for a long stretch (default 30 minutes), with
 * retention of minutes instead of days ({@link #environment}), so retention is reached in the first third of the run.
 * Every sample period (a minute, or a twelfth of a shorter run) it prints each table's rows and total size
 * (pg_total_relation_size) and the servers' memory, resident (RSS) and proportional (PSS, and of it the part not in
 * shared memory: summed over PostgreSQL's backends, RSS counts its shared buffers once per backend that touched them);
 * where the last third begins and after the run, each JVM's heap after a full collection. The verdict:
 * <ul>
 *   <li>a table that is purged or holds only live state is flat over the last third: its row count's max - min there
 *       is at most 10% of its mean plus one sample period's inflow (the largest rise between two samples there, at
 *       least 10 rows: a live-state table of a handful of rows may come and go by that many); a table that keeps
 *       growing spans a third of the run's inflow there and fails;</li>
 *   <li>a business table (not purged, by design) grows with the orders: its rows per order over the last third are
 *       within 20% of those over the whole run (checked where it gained 50 rows or more there);</li>
 *   <li>and the usual audit of the orders ({@link DrillAudit}); the checks that read the history see only what
 *       retention kept.</li>
 * </ul>
 */
final class SoakScenario {
    /** Purged by age (RetentionPurge, the outbox cleanup) or live state that ends with its work. */
    private static final List<String> BOUNDED = List.of("outbox", "event_log", "inbox", "step_statistics",
            "operator_actions", "delivery_holds", "payment_credentials");
    /** The business records, kept for ever. */
    private static final List<String> BUSINESS = List.of("orders", "order_lines", "stock_reservations",
            "stock_releases", "payments", "shipments", "notifications");
    private static final int CLIENTS = 8;

    private static final List<String> SERVERS = List.of("WildFly", "Artemis", "PostgreSQL");

    private record Sample(double minute, Map<String, Long> rows, Map<String, Long> bytes,
                          Map<String, ProcessStats.Usage> memory) {
    }

    private final OwnStack own;
    private final int minutes;
    private final double rate;
    private final List<Sample> samples = new ArrayList<>();

    SoakScenario(OwnStack own, int minutes, double rate) {
        this.own = own;
        this.minutes = minutes;
        this.rate = rate;
    }

    /** A sixth of the run, at least a minute: the retention of the inbox, outbox and step statistics. */
    static Duration retention(int minutes) {
        return Duration.ofMinutes(Math.max(1, minutes / 6));
    }

    /**
     * The stack's settings for a soak: the inbox, outbox, step statistics and operator actions kept for the
     * retention, the event log for twice as long (a row marked published in place reaches it only when it leaves the
     * outbox); the purge and the outbox cleanup every 10 s.
     */
    static Map<String, String> environment(int minutes) {
        Duration retention = retention(minutes);
        return Map.of("WAYBILL_RETENTION_INBOX", retention.toString(),
                "WAYBILL_RETENTION_EVENT_LOG", retention.multipliedBy(2).toString(),
                "WAYBILL_RETENTION_STEP_STATISTICS", retention.toString(),
                "WAYBILL_RETENTION_OPERATOR_ACTIONS", retention.toString(),
                "WAYBILL_RETENTION_INTERVAL_SECONDS", "10",
                "WAYBILL_OUTBOX_RETENTION_SECONDS", Long.toString(retention.toSeconds()),
                "WAYBILL_OUTBOX_CLEANUP_INTERVAL_SECONDS", "10");
    }

    boolean run() throws Exception {
        int orders = (int) Math.round(minutes * 60 * rate);
        own.database().execute("UPDATE products SET stock_on_hand = stock_on_hand + " + 2 * orders + " WHERE sku IN ('"
                + String.join("','", OrderClients.SKUS) + "')");
        Duration period = Duration.ofSeconds(Math.min(60, minutes * 60L / 12));
        System.out.printf("Soak drill: %d orders at %.1f a second for %d min; retention %s (event log twice that), "
                + "purge every 10 s; a sample every %d s%n", orders, rate, minutes, retention(minutes),
                period.toSeconds());
        printHeader();
        ProcessStats processes = new ProcessStats(own.settings().home());
        OrderClients clients = new OrderClients(own.api(), own.operatorCredentials(), CLIENTS, 0);
        long start = System.nanoTime();
        clients.startAtRate(orders, rate);
        long next = start;
        Map<String, Long> heapUnderLoad = Map.of();
        while (next - start <= Duration.ofMinutes(minutes).toNanos()) {
            Load.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            double minute = (System.nanoTime() - start) / 60e9;
            sample(minute, processes);
            if (heapUnderLoad.isEmpty() && minute >= minutes * 2 / 3.0) {
                heapUnderLoad = processes.heapAfterFullCollectionMiB();
            }
            next += period.toNanos();
        }
        clients.awaitDone();
        DrillAudit audit = new DrillAudit(own);
        Duration settled = audit.awaitAllEnded(Duration.ofMinutes(5));
        boolean flat = verdict(heapUnderLoad, processes.heapAfterFullCollectionMiB());
        System.out.println();
        System.out.printf("  %d orders accepted in %.1f min (%.2f a second); all ended %s%n", clients.accepted().size(),
                (System.nanoTime() - start) / 60e9, clients.accepted().size() / ((System.nanoTime() - start) / 1e9),
                settled == null ? "NOT within 5 min" : String.format("%.1f s after the last was accepted", settled.toMillis() / 1e3));
        return audit.report(clients, orders, null) && settled != null && flat;
    }

    private void printHeader() {
        StringBuilder line = new StringBuilder("  min   ");
        for (String table : tables()) {
            line.append(String.format("%" + width(table) + "s ", table));
        }
        System.out.println(line.append("| MiB, RSS / PSS (own): WildFly, Artemis, PostgreSQL"));
    }

    private void sample(double minute, ProcessStats processes) {
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        try (Connection c = own.database().connect(); Statement s = c.createStatement()) {
            for (String table : tables()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), pg_total_relation_size('" + table + "') FROM " + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                    bytes.put(table, rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            System.out.println("  (sample failed: " + e.getMessage() + ")");
            return;
        }
        Map<String, ProcessStats.Usage> memory = new LinkedHashMap<>(processes.memory());
        memory.keySet().retainAll(SERVERS);
        Sample sample = new Sample(minute, rows, bytes, memory);
        samples.add(sample);
        StringBuilder count = new StringBuilder(String.format("  %5.1f rows ", minute));
        StringBuilder size = new StringBuilder("        KiB  ");
        for (String table : tables()) {
            count.append(String.format("%" + width(table) + "d ", rows.get(table)));
            size.append(String.format("%" + width(table) + "d ", bytes.get(table) / 1024));
        }
        System.out.println(count.append("| ").append(SERVERS.stream().map(server -> memory(memory.get(server)))
                .collect(Collectors.joining(", "))));
        System.out.println(size);
    }

    /**
     * Prints each table's figures over the last third, the servers' memory, and says whether the run passed. The
     * heaps ({@link #printHeap}) are printed, not judged.
     */
    private boolean verdict(Map<String, Long> heapUnderLoad, Map<String, Long> heapAtRest) {
        double total = samples.get(samples.size() - 1).minute();
        List<Sample> lastThird = samples.stream().filter(s -> s.minute() >= total * 2 / 3).toList();
        if (lastThird.size() < 2) {
            System.out.println("  FAIL: fewer than two samples in the last third");
            return false;
        }
        Sample first = lastThird.get(0);
        Sample last = samples.get(samples.size() - 1);
        boolean pass = true;
        System.out.printf("%n  Last third (%.1f to %.1f min), purged or live-state tables: rows must stay within 10%% "
                + "of their mean plus one sample's inflow%n", first.minute(), last.minute());
        System.out.printf("  %-20s %9s %9s %9s %9s %9s %11s %11s  %s%n", "table", "min", "max", "mean", "band",
                "allowed", "KiB first", "KiB last", "verdict");
        for (String table : BOUNDED) {
            List<Long> rows = lastThird.stream().map(s -> s.rows().get(table)).toList();
            long min = rows.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = rows.stream().mapToLong(Long::longValue).max().orElseThrow();
            double mean = rows.stream().mapToLong(Long::longValue).average().orElseThrow();
            boolean flat = flat(rows);
            pass &= flat;
            System.out.printf("  %-20s %9d %9d %9.0f %9d %9.0f %11d %11d  %s%n", table, min, max, mean, max - min,
                    allowedBand(rows), first.bytes().get(table) / 1024, last.bytes().get(table) / 1024,
                    flat ? "flat" : "GROWS: FAIL");
        }
        long ordersAll = last.rows().get("orders");
        long ordersLast = ordersAll - first.rows().get("orders");
        System.out.printf("%n  Business tables (not purged, by design): rows per order over the whole run and the last third%n");
        System.out.printf("  %-20s %9s %9s %9s %11s  %s%n", "table", "rows", "per order", "last 3rd", "KiB last", "verdict");
        for (String table : BUSINESS) {
            long all = last.rows().get(table);
            long gained = all - first.rows().get(table);
            double perOrder = all / (double) Math.max(1, ordersAll);
            double perOrderLast = gained / (double) Math.max(1, ordersLast);
            boolean linear = gained < 50 || Math.abs(perOrderLast - perOrder) <= 0.20 * perOrder;
            pass &= linear;
            System.out.printf("  %-20s %9d %9.3f %9.3f %11d  %s%n", table, all, perOrder, perOrderLast,
                    last.bytes().get(table) / 1024, gained < 50 ? "too few to judge" : linear ? "linear" : "NOT LINEAR: FAIL");
        }
        System.out.printf("%n  Memory, MiB, RSS / PSS (own), first and last sample: %s%n", SERVERS.stream()
                .map(server -> server + " " + memory(samples.get(0).memory().get(server)) + " -> "
                        + memory(last.memory().get(server)))
                .collect(Collectors.joining("; ")));
        printHeap(heapUnderLoad, heapAtRest);
        System.out.println(pass ? "  SOAK PASSED: every purged table flat, the business tables linear"
                : "  SOAK FAILED");
        return pass;
    }

    /** "RSS / PSS (PSS not in shared memory)", in MiB. */
    private static String memory(ProcessStats.Usage usage) {
        return usage.rssMiB() + " / " + usage.pssMiB() + " (" + usage.privatePssMiB() + ")";
    }

    /**
     * Each JVM's heap after a full collection where the last third began (under load) and once every order ended (at
     * rest): resident memory cannot tell a heap in use for the first time from a leak; this can. Printed, not judged:
     * at rest the heap holds no work in flight, so a leak shows as a heap at rest above the one under load.
     */
    private static void printHeap(Map<String, Long> underLoad, Map<String, Long> atRest) {
        System.out.printf("  JVMs' heap after a full collection, MiB, at the start of the last third (under load) and "
                + "after the run (at rest): %s%n", underLoad.isEmpty() ? "not read" : underLoad.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " -> " + atRest.getOrDefault(e.getKey(), 0L))
                .collect(Collectors.joining(", ")));
    }

    /** Whether a purged table's row counts over the last third are flat: max - min within {@link #allowedBand}. */
    static boolean flat(List<Long> rows) {
        long min = rows.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = rows.stream().mapToLong(Long::longValue).max().orElseThrow();
        return max - min <= allowedBand(rows);
    }

    /** 10% of the mean plus one sample's inflow: the largest rise between two samples, at least 10 rows. */
    private static double allowedBand(List<Long> rows) {
        long inflow = 0;
        for (int i = 1; i < rows.size(); i++) {
            inflow = Math.max(inflow, rows.get(i) - rows.get(i - 1));
        }
        return 0.10 * rows.stream().mapToLong(Long::longValue).average().orElseThrow() + Math.max(10, inflow);
    }

    private static List<String> tables() {
        List<String> all = new ArrayList<>(BOUNDED);
        all.addAll(BUSINESS);
        return all;
    }

    private static int width(String table) {
        return Math.max(9, table.length());
    }
}
