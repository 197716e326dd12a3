package dev.baton.operation.legacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.eventing.contract.payload.UserView;
import dev.baton.operation.Operation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An operation in the original demo's JSON shape: {@code uuid}, {@code type} ("user-create"),
 * lower-case {@code state}, the request as {@code data}, {@code response.state}, and {@code error}
 * as a string once it failed.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegacyOperationView(
        String uuid,
        String type,
        String state,
        Map<String, Object> data,
        Response response,
        @Nullable String error) {

    public static final String USER_CREATE = "user-create";

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(String state, @Nullable UserView user) {
    }

    public static LegacyOperationView of(Operation op) {
        String state = op.state().name().toLowerCase(Locale.ROOT);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", op.name());
        if (op.email() != null) {
            data.put("email", op.email());
        }
        UserView user = op.userId() == null ? null
                : new UserView(op.userId(), op.name(), op.email(), op.userState(), op.userCreatedAt());
        String error = op.errorCode() == null ? null : op.errorCode() + ": " + op.errorMessage();
        return new LegacyOperationView(op.id(), USER_CREATE, state, data, new Response(state, user), error);
    }

    /** What the demo answered for an operation name it did not know; nothing is recorded for it. */
    public static LegacyOperationView notAllowed(String uuid, String type, Map<String, Object> data) {
        return new LegacyOperationView(uuid, type, "failed", data, new Response("pending", null), "operation not allowed");
    }
}
