package dev.baton.operation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserView;
import dev.baton.operation.Operation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** An operation as {@code GET /operations/{id}} shows it. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OperationView(
        String id,
        String type,
        String state,
        boolean done,
        Instant createdAt,
        Instant updatedAt,
        Request request,
        @Nullable UserView result,
        @Nullable ErrorInfo error) {

    @Serdeable
    public record Request(String name, @Nullable String email) {
    }

    public static OperationView of(Operation op) {
        UserView result = op.userId() == null ? null
                : new UserView(op.userId(), op.name(), op.email(), op.userState(), op.userCreatedAt());
        ErrorInfo error = op.errorCode() == null ? null : new ErrorInfo(op.errorCode(), op.errorMessage());
        return new OperationView(op.id(), op.type(), op.state().name(), op.done(), op.createdAt(), op.updatedAt(),
                new Request(op.name(), op.email()), result, error);
    }
}
