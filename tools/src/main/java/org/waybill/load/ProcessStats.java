package org.waybill.load;

import org.waybill.stack.ChildProcess;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of WildFly, Artemis and PostgreSQL (the postmaster and all its backends) and of the
 * benchmark's own JVM (where the broker limit and the peer library run), read from /proc: CPU as a share of one core
 * over a measured stretch, RSS at its end. The benchmark and the soak drill read it.
 */
public final class ProcessStats {
    /**
     * One server over one stretch: CPU in % of one core, resident memory in MiB, and its proportional share (PSS: a
     * page shared by n processes counts 1/n in each), which, summed over PostgreSQL's backends, counts its shared
     * buffers once where RSS counts them once per backend that touched them. Of the PSS, {@code sharedPssMiB} is in
     * shared memory (PostgreSQL's buffers, as far as they have been touched), the rest is the processes' own; and how
     * many processes the server had at the end, so that new PostgreSQL backends can be told from backends that grew.
     * Of a JVM's CPU, {@code jvmThreadsPercent} is what its JIT's and its collector's threads took, in % of one core
     * ({@link JvmThreads}; empty for a server that is no JVM, or when not read).
     */
    public record Usage(String server, double cpuPercent, long rssMiB, long pssMiB, long sharedPssMiB, int processes,
                        Map<JvmThreads, Double> jvmThreadsPercent) {
        /** Without the proportional figures and the JVM's threads (not read). */
        public Usage(String server, double cpuPercent, long rssMiB) {
            this(server, cpuPercent, rssMiB, 0, 0, 0, Map.of());
        }

        /** Without the split of the proportional figure and the JVM's threads (not read). */
        public Usage(String server, double cpuPercent, long rssMiB, long pssMiB) {
            this(server, cpuPercent, rssMiB, pssMiB, 0, 0, Map.of());
        }

        /** Without the JVM's threads (not read). */
        public Usage(String server, double cpuPercent, long rssMiB, long pssMiB, long sharedPssMiB, int processes) {
            this(server, cpuPercent, rssMiB, pssMiB, sharedPssMiB, processes, Map.of());
        }

        /** The PSS not in shared memory: the processes' own heaps, stacks, caches. */
        public long privatePssMiB() {
            return pssMiB - sharedPssMiB;
        }
    }

    /**
     * The threads of a JVM whose CPU is told apart from the rest, its own work rather than the application's, by the
     * thread's name as the kernel keeps it (its first 15 characters): what the JIT compiles and what the garbage
     * collector does. Sampling profilers such as JFR's method profiling see only Java threads, so their profiles leave
     * both out.
     */
    public enum JvmThreads {
        /** HotSpot's compiler threads, "C1 CompilerThread0" and "C2 CompilerThread0". */
        JIT(Pattern.compile("C[12] CompilerThre.*")),
        /** The collector's threads: G1's and Parallel's workers ("GC Thread#0"), G1's concurrent ones ("G1 ..."). */
        GC(Pattern.compile("GC Thread.*|G1 .*"));

        private final Pattern names;

        JvmThreads(Pattern names) {
            this.names = names;
        }

        /** Which of them a thread of this name is, if any. */
        public static Optional<JvmThreads> of(String threadName) {
            return Arrays.stream(values()).filter(t -> t.names.matcher(threadName).matches()).findFirst();
        }
    }

    /**
     * CPU ticks per server at one moment, and of each JVM server the ticks of its {@link JvmThreads}, per thread id: a
     * thread that starts between two snapshots counts from zero (the JVM starts and ends compiler threads as the
     * queue of work asks), one that ends is lost, so their figures are a floor.
     */
    public record Snapshot(long at, Map<String, Long> ticks, Map<String, Map<Long, ThreadTicks>> jvmThreads) {
    }

    /** One thread's CPU ticks, and which of the {@link JvmThreads} it is. */
    public record ThreadTicks(JvmThreads kind, long ticks) {
    }

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    /** The heap's line of GC.heap_info, e.g. " garbage-first heap   total 1048576K, used 301234K [0x..." */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    public static final String SELF = "benchmark JVM";
    /** How a WildFly node's or the load balancer's command line names its folder (LocalWildFly, LocalLoadBalancer). */
    private static final String BASE_DIR = "-Djboss.server.base.dir=";
    private final Map<String, String> markers = new LinkedHashMap<>();
    /** Servers left out of a measurement when they are not running: the nodes of a stack with several. */
    private final java.util.Set<String> mayBeStopped = new java.util.HashSet<>();

    /** Servers are told apart by a text in their command line: their folder under the stack's home. */
    public ProcessStats(Path home) {
        this(home, Map.of("WildFly", home.resolve("wildfly").toString()));
    }

    private ProcessStats(Path home, Map<String, String> wildfly) {
        markers.putAll(wildfly);
        markers.put("Artemis", home.resolve("artemis/instance").toString());
        markers.put("PostgreSQL", home.resolve("postgres/data").toString());
        markers.put(SELF, null);
    }

    /**
     * As {@link #ProcessStats(Path)}, but with several WildFly nodes each node on its own ("WildFly waybill-2") and
     * the load balancer apart, told by their server base folders; a server that is not running is left out.
     */
    public static ProcessStats perNode(StackSettings settings) {
        Path wildfly = settings.home().resolve("wildfly");
        if (settings.nodes().size() == 1) {
            return new ProcessStats(settings.home());
        }
        Map<String, String> servers = new LinkedHashMap<>();
        settings.nodes().forEach(node -> servers.put("WildFly " + node.id(), BASE_DIR + wildfly.resolve(node.baseFolder())));
        servers.put("load balancer", BASE_DIR + wildfly.resolve("load-balancer"));
        ProcessStats stats = new ProcessStats(settings.home(), servers);
        stats.mayBeStopped.addAll(servers.keySet());
        return stats;
    }

    public Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, Map<Long, ThreadTicks>> jvmThreads = new LinkedHashMap<>();
        markers.keySet().forEach(server -> {
            List<Long> pids = processes(server);
            ticks.put(server, pids.stream().mapToLong(ProcessStats::ticks).sum());
            Map<Long, ThreadTicks> threads = new HashMap<>();
            pids.stream().filter(ProcessStats::isJvm).forEach(pid -> threads.putAll(jvmThreads(pid)));
            jvmThreads.put(server, threads);
        });
        return new Snapshot(System.nanoTime(), ticks, jvmThreads);
    }

    /** The memory of each server now, resident and proportional, as in {@link Usage}; its CPU is not read (NaN). */
    public Map<String, Usage> memory() {
        Map<String, Usage> memory = new LinkedHashMap<>();
        markers.keySet().forEach(server -> memory.put(server, usage(server, Double.NaN, Map.of())));
        return memory;
    }

    /**
     * Each JVM server's heap in use right after a full collection, in MiB: what its live objects hold. A leak grows it;
     * a heap merely touched for the first time, which RSS shows, does not. Asks each JVM with the JDK's jcmd (GC.run,
     * then GC.heap_info); a server that is not a JVM or gives no answer is left out. The collection is a pause of the
     * server: read this only between measured stretches.
     */
    public Map<String, Long> heapAfterFullCollectionMiB() {
        Map<String, Long> heap = new LinkedHashMap<>();
        markers.forEach((server, marker) -> {
            if (marker != null) {
                processes(server).stream().filter(ProcessStats::isJvm).findFirst()
                        .map(ProcessStats::liveHeapKiB).filter(kiB -> kiB > 0)
                        .ifPresent(kiB -> heap.put(server, kiB / 1024));
            }
        });
        return heap;
    }

    /** "used 123456K" of the heap line of {@code jcmd pid GC.heap_info} after {@code jcmd pid GC.run}; 0 without. */
    private static long liveHeapKiB(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Path here = Path.of(".");
        try {
            ChildProcess.capture(List.of(jcmd, Long.toString(pid), "GC.run"), here);
            Matcher used = HEAP_USED.matcher(ChildProcess.capture(List.of(jcmd, Long.toString(pid), "GC.heap_info"), here));
            return used.find() ? Long.parseLong(used.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    public List<Usage> since(Snapshot before) {
        Snapshot now = snapshot();
        double seconds = (now.at() - before.at()) / 1e9;
        List<Usage> usage = new ArrayList<>();
        markers.keySet().forEach(server -> {
            Map<JvmThreads, Double> threads = new EnumMap<>(JvmThreads.class);
            now.jvmThreads().getOrDefault(server, Map.of()).forEach((tid, t) -> {
                ThreadTicks earlier = before.jvmThreads().getOrDefault(server, Map.of()).get(tid);
                long ticks = t.ticks() - (earlier == null ? 0 : earlier.ticks());
                threads.merge(t.kind(), 100.0 * ticks / TICKS_PER_SECOND / seconds, Double::sum);
            });
            Usage used = usage(server, 100.0 * (now.ticks().get(server) - before.ticks().getOrDefault(server, 0L))
                    / TICKS_PER_SECOND / seconds, threads);
            if (used.rssMiB() > 0 || !mayBeStopped.contains(server)) {
                usage.add(used);
            }
        });
        return usage;
    }

    private Usage usage(String server, double cpuPercent, Map<JvmThreads, Double> jvmThreadsPercent) {
        List<Long> pids = processes(server);
        long rss = 0; // KiB, as the three sums here
        long pss = 0;
        long sharedPss = 0;
        for (long pid : pids) {
            rss += rssKiB(pid);
            Map<String, Long> rollup = kiB(pid, "smaps_rollup");
            pss += rollup.getOrDefault("Pss", 0L);
            sharedPss += rollup.getOrDefault("Pss_Shmem", 0L);
        }
        return new Usage(server, cpuPercent, rss / 1024, pss / 1024, sharedPss / 1024, pids.size(),
                Map.copyOf(jvmThreadsPercent));
    }

    /**
     * The processes whose command line names the server's folder, and all their descendants: wrapper scripts, the
     * JVM, PostgreSQL's postmaster and each of its backends.
     */
    private List<Long> processes(String server) {
        String marker = markers.get(server);
        if (marker == null) {
            return List.of(ProcessHandle.current().pid());
        }
        List<Long> pids = allPids();
        java.util.Set<Long> found = new java.util.LinkedHashSet<>();
        pids.stream().filter(pid -> commandLine(pid).contains(marker)).forEach(found::add);
        boolean grew = !found.isEmpty();
        while (grew) {
            grew = false;
            for (long pid : pids) {
                if (!found.contains(pid) && found.contains(parent(pid))) {
                    found.add(pid);
                    grew = true;
                }
            }
        }
        return List.copyOf(found);
    }

    private static List<Long> allPids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isJvm(long pid) {
        return commandLine(pid).matches("(\\S*/)?java .*");
    }

    /** The {@link JvmThreads} of a JVM by thread id, from /proc/pid/task/tid/stat. */
    private static Map<Long, ThreadTicks> jvmThreads(long pid) {
        Map<Long, ThreadTicks> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = afterName(stat);
                    JvmThreads.of(name).ifPresent(kind -> threads.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadTicks(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12]))));
                } catch (IOException e) {
                    // the thread ended while it was being read
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return Map.of(); // the JVM ended
        }
        return threads;
    }

    /** Fields of /proc/pid/stat after the command name (which may contain spaces): state is [0], ppid [1]. */
    private static String[] stat(long pid) {
        try {
            return afterName(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return new String[0];
        }
    }

    /** The fields of a process's or a thread's stat line after its name, which may contain spaces. */
    private static String[] afterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long parent(long pid) {
        String[] fields = stat(pid);
        return fields.length > 1 ? Long.parseLong(fields[1]) : -1;
    }

    /**
     * utime + stime + cutime + cstime, fields 14 to 17 of stat (11 to 14 after the command name): with the time of its
     * children that ended, so that a server's sum never falls when one of its processes ends (a PostgreSQL backend,
     * whose time goes to the postmaster that reaps it) between two snapshots.
     */
    private static long ticks(long pid) {
        String[] fields = stat(pid);
        return fields.length > 14 ? Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : 0;
    }

    private static long rssKiB(long pid) {
        return kiB(pid, "status").getOrDefault("VmRSS", 0L);
    }

    /** The "Key:   123 kB" lines of /proc/pid/{@code file} by key; empty if the process is gone. */
    private static Map<String, Long> kiB(long pid, String file) {
        Map<String, Long> figures = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.endsWith(" kB")) {
                    figures.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1, line.length() - 3).trim()));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return figures;
    }
}
