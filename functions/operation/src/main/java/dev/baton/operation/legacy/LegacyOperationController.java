package dev.baton.operation.legacy;

import dev.baton.eventing.HandlerPool;
import dev.baton.eventing.http.ApiException;
import dev.baton.operation.Operations;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;
import java.util.UUID;

/**
 * The original demo's routes, unchanged for its clients (its curl load loop included):
 * {@code POST /operation/create/user-create} with {@code {"name": ...}} and {@code GET /operation/get/{uuid}}.
 */
@Requires(property = "baton.api.enabled", notEquals = "false")
@Controller("/operation")
public class LegacyOperationController {
    private static final int MAX_NAME = 100;

    private final Operations operations;

    public LegacyOperationController(Operations operations) {
        this.operations = operations;
    }

    @Post("/create/{operationName}")
    @ExecuteOn(HandlerPool.NAME)
    public LegacyOperationView create(@PathVariable String operationName, @Body Map<String, Object> data) {
        if (!LegacyOperationView.USER_CREATE.equals(operationName)) {
            return LegacyOperationView.notAllowed(UUID.randomUUID().toString(), operationName, data);
        }
        String name = text(data.get("name"));
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "name: must be a string of 1 to " + MAX_NAME + " characters");
        }
        String email = text(data.get("email"));
        return LegacyOperationView.of(operations.accept(name.trim(), email == null || email.isBlank() ? null : email.trim(), null));
    }

    @Get("/get/{uuid}")
    @ExecuteOn(HandlerPool.NAME)
    public HttpResponse<?> get(@PathVariable String uuid) {
        return operations.find(uuid)
                .<HttpResponse<?>>map(op -> HttpResponse.ok(LegacyOperationView.of(op)))
                .orElseGet(() -> HttpResponse.notFound(Map.of()));
    }

    private static @Nullable String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
