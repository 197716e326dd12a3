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
 * Data of {@code dev.baton.user.create.completed}: the signup succeeded and this is the user.
 * The optional fields are the settled user's record, the same in every copy the user function (re)publishes,
 * so that both views can be rebuilt from the events; events written before they existed lack them.
 *
 * @param reason    why the approval function approved the user
 * @param decidedBy the id of the event that settled the user (the approval decision)
 * @param decidedAt when the user function settled the user: the user's and the operation's {@code updatedAt}
 */
@Serdeable
public record UserCreateCompleted(
        @NotBlank @Size(max = 128) String operationId,
        @NotNull @Valid UserView user,
        @Nullable @Size(max = 1000) String reason,
        @Nullable @Size(max = 128) String decidedBy,
        @Nullable Instant decidedAt) implements BatonPayload {

    @Creator
    public UserCreateCompleted {
    }

    public UserCreateCompleted(String operationId, UserView user) {
        this(operationId, user, null, null, null);
    }
}
