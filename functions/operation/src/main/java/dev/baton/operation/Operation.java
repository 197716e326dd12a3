package dev.baton.operation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A signup the client is waiting on. Flat on purpose: every state change is one conditional
 * single-document update on plain fields.
 *
 * @param deadline    when a still-pending operation is declared FAILED with TIMEOUT, so every accepted operation ends
 * @param traceparent the W3C trace context of the POST that accepted it, when tracing is on; null otherwise
 */
@MappedEntity(Operation.COLLECTION)
public record Operation(
        @Id String id,
        String type,
        OperationState state,
        String name,
        @Nullable String email,
        @Nullable String idempotencyKey,
        @Nullable String userId,
        @Nullable String userState,
        @Nullable Instant userCreatedAt,
        @Nullable String errorCode,
        @Nullable String errorMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant deadline,
        @Nullable String traceparent) {

    public static final String COLLECTION = "operations";
    public static final String TYPE_USER_CREATE = "user.create";

    public boolean done() {
        return state != OperationState.PENDING;
    }

    public static Operation pending(String id, String name, @Nullable String email, @Nullable String idempotencyKey,
                                    Instant now, Instant deadline) {
        return pending(id, name, email, idempotencyKey, now, deadline, null);
    }

    public static Operation pending(String id, String name, @Nullable String email, @Nullable String idempotencyKey,
                                    Instant now, Instant deadline, @Nullable String traceparent) {
        return new Operation(id, TYPE_USER_CREATE, OperationState.PENDING, name, email, idempotencyKey,
                null, null, null, null, null, now, now, deadline, traceparent);
    }
}
