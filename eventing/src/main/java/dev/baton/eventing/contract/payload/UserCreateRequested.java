package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * Data of {@code dev.baton.user.create.requested}: a client asked for a signup. E-mail is absent for the original demo's clients.
 * The last three fields are the rest of the operation as the operation function recorded it, so that its view can be
 * rebuilt from the events alone ({@code ./baton replay rebuild operations}); events written before they existed lack them.
 *
 * @param idempotencyKey the client's {@code Idempotency-Key}, if it sent one (the operation id is derived from it)
 * @param createdAt      when the operation was accepted: the operation's {@code createdAt}
 * @param deadline       when the operation fails with TIMEOUT unless a result decided before then arrives
 */
@Serdeable
public record UserCreateRequested(
        @NotBlank @Size(max = 128) String operationId,
        @NotBlank @Size(max = 100) String name,
        @Nullable @Size(max = 254) String email,
        @Nullable @Size(max = 255) String idempotencyKey,
        @Nullable Instant createdAt,
        @Nullable Instant deadline) implements BatonPayload {

    @Creator
    public UserCreateRequested {
    }

    /** A request without the operation's record, as events before these fields were written. */
    public UserCreateRequested(String operationId, String name, @Nullable String email) {
        this(operationId, name, email, null, null, null);
    }
}
