package dev.baton.operation;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GETs waiting on operations, by operation id, so that waiting costs no polling per waiter: a
 * result recorded by this instance wakes its waiters at once ({@link #signal}), and one batched
 * re-read for all waiters ({@link OperationRecheck}) finds results recorded by another instance.
 */
@Singleton
public class OperationWaiters {
    /** Completed with the finished operation, or with empty for "it changed here, read it again". */
    private final Map<String, CompletableFuture<Optional<Operation>>> waiting = new ConcurrentHashMap<>();

    /** A future completed at the next change of this operation; register before reading. */
    public CompletableFuture<Optional<Operation>> next(String operationId) {
        return waiting.computeIfAbsent(operationId, id -> new CompletableFuture<>());
    }

    /** This instance recorded a change of the operation. */
    public void signal(String operationId) {
        CompletableFuture<Optional<Operation>> waiter = waiting.remove(operationId);
        if (waiter != null) {
            waiter.complete(Optional.empty());
        }
    }

    /** A re-read found the operation done: its waiters get it without reading it again. */
    public void finished(Operation operation) {
        CompletableFuture<Optional<Operation>> waiter = waiting.remove(operation.id());
        if (waiter != null) {
            waiter.complete(Optional.of(operation));
        }
    }

    /** Forgets a waiter nobody needs any more, so abandoned waits do not pile up. */
    public void release(String operationId, CompletableFuture<Optional<Operation>> waiter) {
        waiting.remove(operationId, waiter);
    }

    /** The operations waited on now. */
    public Set<String> waitedOn() {
        return Set.copyOf(waiting.keySet());
    }

    int size() {
        return waiting.size();
    }
}
