package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * Data of {@code dev.baton.user.create.failed}: the signup ended without a user, and why.
 * The optional fields are the rejected user's record, the same in every copy the user function (re)publishes,
 * so that the users view can be rebuilt from the events; events written before they existed lack them.
 *
 * @param user      the rejected user (state REJECTED) with the name and e-mail it asked for
 * @param decidedBy the id of the event that settled the user: the approval decision, or the request whose e-mail was taken
 * @param decidedAt when the user function settled the user: the user's and the operation's {@code updatedAt}
 */
@Serdeable
public record UserCreateFailed(
        @NotBlank @Size(max = 128) String operationId,
        @NotNull @Valid ErrorInfo error,
        @Nullable @Valid UserView user,
        @Nullable @Size(max = 128) String decidedBy,
        @Nullable Instant decidedAt) implements BatonPayload {

    @Creator
    public UserCreateFailed {
    }

    public UserCreateFailed(String operationId, ErrorInfo error) {
        this(operationId, error, null, null, null);
    }
}
