package dev.baton.eventing.contract.payload;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A machine-readable code (e.g. {@code APPROVAL_REJECTED}) and a human-readable message. */
@Serdeable
public record ErrorInfo(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 2000) String message) {
}
