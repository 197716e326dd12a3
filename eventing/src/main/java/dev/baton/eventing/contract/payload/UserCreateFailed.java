package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Data of {@code dev.baton.user.create.failed}: the signup ended without a user, and why. */
@Serdeable
public record UserCreateFailed(@NotBlank @Size(max = 128) String operationId, @NotNull @Valid ErrorInfo error) implements BatonPayload {
}
