package dev.baton.eventing.contract.payload;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/** A machine-readable code (e.g. {@code APPROVAL_REJECTED}) and a human-readable message. */
@Serdeable
public record ErrorInfo(@NotBlank String code, @NotBlank String message) {
}
