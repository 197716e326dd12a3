package dev.baton.operation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserView;
import dev.baton.operation.Operation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * An operation as {@code GET /operations/{id}} shows it. {@code traceId} is the trace of the POST that
 * accepted it, which the whole signup's spans share; it is there only when tracing is on.
 */
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
        @Nullable ErrorInfo error,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceId) {

    @Serdeable
    public record Request(String name, @Nullable String email) {
    }

    public static OperationView of(Operation op) {
        UserView result = op.userId() == null ? null
                : new UserView(op.userId(), op.name(), op.email(), op.userState(), op.userCreatedAt());
        ErrorInfo error = op.errorCode() == null ? null : new ErrorInfo(op.errorCode(), op.errorMessage());
        return new OperationView(op.id(), op.type(), op.state().name(), op.done(), op.createdAt(), op.updatedAt(),
                new Request(op.name(), op.email()), result, error, traceIdOf(op.traceparent()));
    }

    /** The trace id of a W3C traceparent, {@code 00-<32 hex trace id>-<16 hex span id>-<flags>}. */
    @Nullable
    static String traceIdOf(@Nullable String traceparent) {
        return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
    }
}
