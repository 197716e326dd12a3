package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Data of {@code dev.baton.user.approval.requested}: the user function asks whether a pending user may sign up. */
@Serdeable
public record ApprovalRequested(
        @NotBlank @Size(max = 128) String operationId,
        @NotBlank @Size(max = 128) String userId,
        @NotBlank @Size(max = 100) String name,
        @Nullable @Size(max = 254) String email) implements BatonPayload {
}
