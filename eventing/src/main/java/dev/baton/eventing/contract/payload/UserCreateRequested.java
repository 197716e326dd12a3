package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Data of {@code dev.baton.user.create.requested}: a client asked for a signup. E-mail is absent for the original demo's clients. */
@Serdeable
public record UserCreateRequested(
        @NotBlank @Size(max = 128) String operationId,
        @NotBlank @Size(max = 100) String name,
        @Nullable @Size(max = 254) String email) implements BatonPayload {
}
