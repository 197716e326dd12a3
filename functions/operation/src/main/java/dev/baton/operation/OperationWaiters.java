package dev.baton.operation;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes GETs that wait on an operation when this instance records its result, so waiting costs no
 * polling. Another instance's result is picked up by the waiter's periodic re-read instead.
 */
@Singleton
public class OperationWaiters {
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** A future completed at the next change of this operation recorded here; register before reading. */
    public CompletableFuture<Void> next(String operationId) {
        return waiting.computeIfAbsent(operationId, id -> new CompletableFuture<>());
    }

    public void signal(String operationId) {
        CompletableFuture<Void> waiter = waiting.remove(operationId);
        if (waiter != null) {
            waiter.complete(null);
        }
    }

    /** Forgets a waiter nobody needs any more, so abandoned waits do not pile up. */
    public void release(String operationId, CompletableFuture<Void> waiter) {
        waiting.remove(operationId, waiter);
    }

    int size() {
        return waiting.size();
    }
}
