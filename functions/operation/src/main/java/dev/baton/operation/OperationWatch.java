package dev.baton.operation;

import dev.baton.eventing.HandlerPool;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for an operation to finish without holding a thread: woken by {@link OperationWaiters} when
 * this instance records the result, or when {@link OperationRecheck} finds it done elsewhere.
 */
@Singleton
public class OperationWatch {
    private final Operations operations;
    private final OperationWaiters waiters;
    private final ExecutorService blocking;

    public OperationWatch(Operations operations, OperationWaiters waiters,
                          @Named(HandlerPool.NAME) ExecutorService blocking) {
        this.operations = operations;
        this.waiters = waiters;
        this.blocking = blocking;
    }

    /** The operation once it is done or {@code wait} has passed, whichever comes first; empty if unknown. */
    public CompletableFuture<Optional<Operation>> until(String id, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return CompletableFuture.supplyAsync(() -> check(id, deadline), blocking).thenCompose(x -> x);
    }

    private CompletableFuture<Optional<Operation>> check(String id, long deadline) {
        CompletableFuture<Optional<Operation>> wakeUp = waiters.next(id);
        Optional<Operation> current = operations.find(id);
        long remaining = deadline - System.nanoTime();
        if (current.isEmpty() || current.get().done() || remaining <= 0) {
            waiters.release(id, wakeUp);
            return CompletableFuture.completedFuture(current);
        }
        // Woken by this instance's result (read again), by the batched re-read (done already), or by
        // the end of the wait (one last read, which also ends an operation past its deadline).
        return wakeUp.copy()
                .completeOnTimeout(null, remaining, TimeUnit.NANOSECONDS)
                .thenComposeAsync(found -> {
                    if (found == null) {
                        waiters.release(id, wakeUp);
                        return CompletableFuture.completedFuture(operations.find(id));
                    }
                    return found.isPresent() ? CompletableFuture.completedFuture(found) : check(id, deadline);
                }, blocking);
    }
}
