package dev.baton.local;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One function of the stack, kept running: once it has been ready, a child that exits on its own is started
 * again on the same port and environment after a backoff, until it crashes too often in a short time.
 */
final class SupervisedFunction {

    /** Exit codes of a JVM ended by SIGINT and SIGTERM: 128 + the signal's number. */
    private static final int SIGINT_EXIT = 130;
    private static final int SIGTERM_EXIT = 143;
    private static final Duration STOP_SIGNAL_GRACE = Duration.ofSeconds(2);

    private final FunctionSpec spec;
    private final int port;
    private final Map<String, String> env;
    private final RestartPolicy policy;
    private final Duration readinessTimeout;
    private final PrintStream out;
    private final CountDownLatch stackClosing;
    private final ScheduledExecutorService restarter;
    private final CompletableFuture<LocalStack.FunctionExit> gaveUp = new CompletableFuture<>();
    /** System.nanoTime() of the crashes within the policy's window, oldest first. */
    private final Deque<Long> crashes = new ArrayDeque<>();
    private FunctionProcess process;
    private int restarts;
    private boolean stopping;

    private SupervisedFunction(FunctionSpec spec, int port, Map<String, String> env, StackConfig config,
                               PrintStream out, CountDownLatch stackClosing) {
        this.spec = spec;
        this.port = port;
        this.env = Map.copyOf(env);
        this.policy = config.restarts();
        this.readinessTimeout = config.readinessTimeout();
        this.out = out;
        this.stackClosing = stackClosing;
        this.restarter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "baton-" + spec.name() + "-restarts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @param stackClosing counted down when the stack begins to stop, after which no exit is a crash */
    static SupervisedFunction start(FunctionSpec spec, int port, Map<String, String> env, StackConfig config,
                                    PrintStream out, CountDownLatch stackClosing) {
        SupervisedFunction function = new SupervisedFunction(spec, port, env, config, out, stackClosing);
        function.process = FunctionProcess.start(spec, port, function.env, out);
        return function;
    }

    String name() {
        return spec.name();
    }

    int port() {
        return port;
    }

    synchronized long pid() {
        return process.pid();
    }

    synchronized int restarts() {
        return restarts;
    }

    /** Completes with the last exit once the function crashed {@link RestartPolicy#maxCrashes()} times within the window. */
    CompletableFuture<LocalStack.FunctionExit> gaveUp() {
        return gaveUp;
    }

    /**
     * Waits for the first start to be ready, and only then supervises it: a function that cannot start at all
     * fails the stack's start with its last lines, rather than being restarted.
     *
     * @throws StackException when it does not become ready
     */
    void awaitFirstReady() throws InterruptedException {
        FunctionProcess first;
        synchronized (this) {
            first = process;
        }
        first.awaitReady(readinessTimeout);
        supervise(first);
    }

    /** Asks the current process to stop and cancels any restart, without waiting. */
    synchronized void requestStop() {
        stopping = true;
        restarter.shutdownNow();
        process.requestStop();
    }

    void awaitStop(long deadlineNanos) throws InterruptedException {
        FunctionProcess last;
        synchronized (this) {
            last = process;
        }
        last.awaitStop(deadlineNanos);
    }

    private void supervise(FunctionProcess watched) {
        watched.exit().thenAccept(code -> {
            try {
                restarter.execute(() -> exited(watched, code));
            } catch (RejectedExecutionException e) {
                // The stack is stopping; nothing to restart.
            }
        });
    }

    private void exited(FunctionProcess exited, int code) {
        if (exited.isStopping() || stoppedBySignalToAll(code)) {
            return;
        }
        synchronized (this) {
            if (stopping) {
                return;
            }
            long now = System.nanoTime();
            crashes.addLast(now);
            while (now - crashes.peekFirst() > policy.window().toNanos()) {
                crashes.removeFirst();
            }
            if (crashes.size() >= policy.maxCrashes()) {
                gaveUp.complete(new LocalStack.FunctionExit(name(), code));
                return;
            }
            restarts++;
            Duration delay = policy.delay(crashes.size());
            say(name() + " exited with code " + code + "; restarting in " + seconds(delay) + " (restart " + restarts + ")");
            restarter.schedule(() -> restart(code), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Ctrl-C reaches the children too, and one may exit before the launcher's own shutdown hook has begun. */
    private boolean stoppedBySignalToAll(int code) {
        if (code != SIGINT_EXIT && code != SIGTERM_EXIT) {
            return false;
        }
        try {
            return stackClosing.await(STOP_SIGNAL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void restart(int lastCode) {
        FunctionProcess restarted;
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                restarted = FunctionProcess.start(spec, port, env, out);
            } catch (RuntimeException e) {
                say("could not restart " + name() + ": " + e.getMessage());
                gaveUp.complete(new LocalStack.FunctionExit(name(), lastCode));
                return;
            }
            process = restarted;
        }
        supervise(restarted);
        say("restarted " + name() + " (pid " + restarted.pid() + ") on port " + port);
        try {
            restarted.awaitReady(readinessTimeout);
            say(name() + " is ready again");
        } catch (StackException e) {
            // One that died already counts as a crash; one that hangs is killed, as a failing liveness probe would.
            if (restarted.isAlive()) {
                say(name() + " was not ready within " + seconds(readinessTimeout) + "; killing it");
                restarted.kill();
            }
        } catch (InterruptedException e) {
            // The stack is stopping.
            Thread.currentThread().interrupt();
        }
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private void say(String message) {
        out.println("[baton] " + message);
    }
}
