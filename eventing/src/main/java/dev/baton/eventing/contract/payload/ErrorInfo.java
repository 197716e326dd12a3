package dev.baton.eventing.contract.payload;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A machine-readable code (e.g. {@code APPROVAL_REJECTED}) and a human-readable message. */
@Serdeable
public record ErrorInfo(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 2000) String message) {
    /**
     * The error of an operation that passed its deadline. No event carries it: the operation function decides it by
     * its clock, and a rebuild of its view from the events decides it the same way, so both need the same words.
     */
    public static final String TIMEOUT = "TIMEOUT";
    public static final String TIMEOUT_MESSAGE = "the signup did not finish before its deadline";
}
