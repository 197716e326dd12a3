package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Data of {@code dev.baton.user.create.completed}: the signup succeeded and this is the user. */
@Serdeable
public record UserCreateCompleted(@NotBlank @Size(max = 128) String operationId, @NotNull @Valid UserView user) implements BatonPayload {
}
