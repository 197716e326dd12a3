package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/** Data of {@code dev.baton.user.approval.requested}: the user function asks whether a pending user may sign up. */
@Serdeable
public record ApprovalRequested(
        @NotBlank String operationId,
        @NotBlank String userId,
        @NotBlank String name,
        @Nullable String email) implements BatonPayload {
}
