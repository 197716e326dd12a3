package dev.baton.eventing.contract.payload;

import dev.baton.eventing.contract.BatonPayload;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Data of {@code dev.baton.user.approval.decided}: the approval function's verdict and why. */
@Serdeable
public record ApprovalDecided(
        @NotBlank @Size(max = 128) String operationId,
        @NotBlank @Size(max = 128) String userId,
        @NotNull Decision decision,
        @NotBlank @Size(max = 1000) String reason) implements BatonPayload {

    public enum Decision { APPROVED, REJECTED }

    public boolean approved() {
        return decision == Decision.APPROVED;
    }
}
