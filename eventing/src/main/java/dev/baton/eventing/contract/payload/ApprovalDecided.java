package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Data of {@code dev.baton.user.approval.decided}: the approval function's verdict and why. */
@Serdeable
public record ApprovalDecided(
        @NotBlank String operationId,
        @NotBlank String userId,
        @NotNull Decision decision,
        @NotBlank String reason) implements BatonPayload {

    public enum Decision { APPROVED, REJECTED }

    public boolean approved() {
        return decision == Decision.APPROVED;
    }
}
