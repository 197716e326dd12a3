package dev.baton.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A function running as a child process, its output forwarded line by line with a {@code [name]} prefix. */
final class FunctionProcess {

    private static final int KEPT_LINES = 40;

    private final String name;
    private final int port;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread pump;
    private final CompletableFuture<Integer> exit;
    private volatile boolean stopping;

    private FunctionProcess(String name, int port, Process process, PrintStream out) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.pump = new Thread(() -> forward(out), "baton-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
        // Complete only once the pump has printed the last words, so they come before any exit message.
        this.exit = process.onExit().thenApply(p -> {
            joinPump();
            return p.exitValue();
        });
    }

    static FunctionProcess start(FunctionSpec spec, int port, Map<String, String> env, PrintStream out) {
        ProcessBuilder builder = new ProcessBuilder(spec.command()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        try {
            return new FunctionProcess(spec.name(), port, builder.start(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name() + ": " + spec.command(), e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    URI readinessProbe() {
        return URI.create("http://127.0.0.1:" + port + "/health/readiness");
    }

    /** @throws StackException with the process's last lines when it does not become ready */
    void awaitReady(Duration timeout) throws InterruptedException {
        if (Readiness.await(readinessProbe(), timeout, () -> !process.isAlive())) {
            return;
        }
        String why = process.isAlive()
                ? name + " did not answer " + readinessProbe() + " with 200 within " + timeout.toSeconds() + " s"
                : name + " exited with code " + exit.join() + " before it was ready";
        throw new StackException(why + ". Its last lines:\n" + String.join("\n", lastLines()));
    }

    /** Completes with the exit code, whether the process stopped on its own or was stopped. */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    boolean isStopping() {
        return stopping;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process (SIGKILL) as a crash, not as a stop: its exit still counts as unexpected. */
    void kill() {
        process.destroyForcibly();
    }

    List<String> lastLines() {
        synchronized (lastLines) {
            return List.copyOf(lastLines);
        }
    }

    /** Asks the process to stop (SIGTERM, so its shutdown hooks run) without waiting. */
    void requestStop() {
        stopping = true;
        process.destroy();
    }

    /** Waits for the process to end until {@code deadlineNanos}, then kills it. */
    void awaitStop(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0 && process.waitFor(left, TimeUnit.NANOSECONDS)) {
            joinPump();
            return;
        }
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        joinPump();
    }

    private void forward(PrintStream out) {
        String prefix = "[" + name + "] ";
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println(prefix + line);
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
            }
        } catch (IOException e) {
            // The stream closes when the process dies; nothing left to forward.
        }
    }

    private void joinPump() {
        try {
            pump.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
