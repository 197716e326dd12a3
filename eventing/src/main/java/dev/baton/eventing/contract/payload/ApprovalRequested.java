package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * Data of {@code dev.baton.user.approval.requested}: the user function asks whether a pending user may sign up.
 *
 * @param createdAt when the user function recorded the pending user: with the rest of this event, the pending
 *                  user as the users view holds it, so the view can be rebuilt from the events
 */
@Serdeable
public record ApprovalRequested(
        @NotBlank @Size(max = 128) String operationId,
        @NotBlank @Size(max = 128) String userId,
        @NotBlank @Size(max = 100) String name,
        @Nullable @Size(max = 254) String email,
        @Nullable Instant createdAt) implements BatonPayload {

    @Creator
    public ApprovalRequested {
    }

    public ApprovalRequested(String operationId, String userId, String name, @Nullable String email) {
        this(operationId, userId, name, email, null);
    }
}
