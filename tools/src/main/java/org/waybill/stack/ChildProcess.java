package org.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server process the stack started. It runs in a session of its own (setsid), so a Ctrl-C in the terminal reaches
 * only the launcher, which then stops the servers in order. Its pid is kept in a file, so a launcher that died
 * without cleaning up has its leftovers stopped on the next start.
 */
public final class ChildProcess {
    private final String name;
    private final Process process;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path pidFile) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
    }

    static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> env, Path logFile)
            throws IOException {
        Path pidFile = logFile.resolveSibling(name + ".pid");
        stopLeftover(name, pidFile);
        Files.createDirectories(logFile.getParent());
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        return new ChildProcess(name, process, pidFile);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM to the server itself, SIGKILL to everything left after the grace period. Only the leaves are signalled:
     * a wrapper script (standalone.sh) relays signals itself and exits when its server has.
     */
    void stop(Duration grace) {
        terminate(process.toHandle(), grace);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL to the process and its descendants: a crash, no shutdown. */
    void kill() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not die", e);
        }
    }

    /** Sends a signal ({@code kill -NAME}) to the server itself: the leaves, as {@link #stop} does. */
    void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        leaves(process.toHandle()).forEach(p -> command.add(Long.toString(p.pid())));
        try {
            run(command, Path.of("."), Map.of(), Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIG" + signal + " to " + name, e);
        }
    }

    private static List<ProcessHandle> leaves(ProcessHandle root) {
        List<ProcessHandle> leaves = root.descendants().filter(p -> p.children().findAny().isEmpty()).toList();
        return leaves.isEmpty() ? List.of(root) : leaves;
    }

    private static void terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> leaves = leaves(root);
        leaves.forEach(ProcessHandle::destroy);
        try {
            root.onExit().get(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
        } catch (Exception timedOutOrInterrupted) {
            root.descendants().forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
        }
    }

    private static void stopLeftover(String name, Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("setsid") || c.contains(name)).orElse(false));
        if (leftover.isPresent()) {
            System.out.println("Stopping " + name + " left over from an earlier run (pid " + leftover.get().pid() + ")");
            terminate(leftover.get(), Duration.ofSeconds(30));
        }
        Files.delete(pidFile);
    }

    /** Waits until the condition holds; fails early if the process dies, pointing at its log. */
    void await(String what, Duration timeout, BooleanSupplier condition, Path logFile) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before " + what + "; see " + logFile);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + ": no " + what + " after " + timeout + "; see " + logFile);
            }
            sleep(200);
        }
    }

    static boolean portOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs a short command to completion, failing with its output if it does not exit 0. */
    static void run(List<String> command, Path workDir, Map<String, String> env, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("failed (exit " + process.exitValue() + "): " + String.join(" ", command) + "\n" + output);
        }
    }

    /** Runs the command to its end and returns what it printed (stderr included); an exit other than 0 throws. */
    public static String capture(List<String> command, Path workDir) throws IOException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException("failed: " + String.join(" ", command) + "\n" + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
