package dev.baton.eventing.contract.payload;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** A user as the user function recorded it: the approved user of a completion, or the rejected one of a failure. */
@Serdeable
public record UserView(
        @NotBlank String id,
        @NotBlank @Size(max = 100) String name,
        @Nullable @Size(max = 254) String email,
        @NotBlank String state,
        @NotNull Instant createdAt) {
}
