package dev.baton.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A user and where its signup stands. The id is derived from the operation id, so a redelivered
 * request finds the user it created before instead of creating a second one.
 *
 * @param failureCode  why a REJECTED signup failed: APPROVAL_REJECTED or EMAIL_TAKEN
 * @param decidedBy    id of the event that settled the signup; terminal event ids are derived from it
 */
@MappedEntity(User.COLLECTION)
public record User(
        @Id String id,
        String operationId,
        String name,
        @Nullable String email,
        UserState state,
        @Nullable String reason,
        @Nullable String failureCode,
        @Nullable String decidedBy,
        Instant createdAt,
        Instant updatedAt) {

    public static final String COLLECTION = "users";

    public static User pending(String id, String operationId, String name, @Nullable String email, Instant now) {
        return new User(id, operationId, name, email, UserState.PENDING_APPROVAL, null, null, null, now, now);
    }

    public User settled(UserState state, @Nullable String reason, @Nullable String failureCode, String decidedBy, Instant now) {
        return new User(id, operationId, name, email, state, reason, failureCode, decidedBy, createdAt, now);
    }
}
