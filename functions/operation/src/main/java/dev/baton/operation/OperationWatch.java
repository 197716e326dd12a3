package dev.baton.operation;

import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for an operation to finish without holding a thread: woken by {@link OperationWaiters} when
 * this instance records the result, and re-reading the database every recheck interval otherwise.
 */
@Singleton
public class OperationWatch {
    private final Operations operations;
    private final OperationWaiters waiters;
    private final OperationConfig config;
    private final ExecutorService blocking;

    public OperationWatch(Operations operations, OperationWaiters waiters, OperationConfig config,
                          @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.operations = operations;
        this.waiters = waiters;
        this.config = config;
        this.blocking = blocking;
    }

    /** The operation once it is done or {@code wait} has passed, whichever comes first; empty if unknown. */
    public CompletableFuture<Optional<Operation>> until(String id, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return CompletableFuture.supplyAsync(() -> check(id, deadline), blocking).thenCompose(x -> x);
    }

    private CompletableFuture<Optional<Operation>> check(String id, long deadline) {
        CompletableFuture<Void> wakeUp = waiters.next(id);
        Optional<Operation> current = operations.find(id);
        long remaining = deadline - System.nanoTime();
        if (current.isEmpty() || current.get().done() || remaining <= 0) {
            waiters.release(id, wakeUp);
            return CompletableFuture.completedFuture(current);
        }
        long sleep = Math.min(remaining, config.recheckInterval().toNanos());
        return wakeUp.copy()
                .completeOnTimeout(null, sleep, TimeUnit.NANOSECONDS)
                .thenComposeAsync(x -> check(id, deadline), blocking);
    }

}
