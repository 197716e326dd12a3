package dev.baton.operation.api;

import dev.baton.eventing.HandlerPool;
import dev.baton.eventing.http.ApiException;
import dev.baton.operation.OperationConfig;
import dev.baton.operation.OperationWatch;
import dev.baton.operation.Operations;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.micronaut.http.HttpHeaders;
import java.util.concurrent.CompletableFuture;

/** The operation API: the only synchronous entry point. Starts signups and reports how they end. */
// Off (BATON_API_ENABLED=false) in the cluster-local event sink on Knative, which must serve events only.
@Requires(property = "baton.api.enabled", notEquals = "false")
@Controller
public class OperationController {
    private final Operations operations;
    private final OperationWatch watch;
    private final OperationConfig config;

    public OperationController(Operations operations, OperationWatch watch, OperationConfig config) {
        this.operations = operations;
        this.watch = watch;
        this.config = config;
    }

    @Post("/users")
    @ExecuteOn(HandlerPool.NAME)
    public HttpResponse<OperationView> signup(@Valid @Body SignupRequest request,
                                              @Nullable @Size(min = 1, max = 255) @Header("Idempotency-Key") String idempotencyKey) {
        var operation = operations.accept(request.name(), request.email(), idempotencyKey);
        return HttpResponse.<OperationView>status(HttpStatus.ACCEPTED)
                .header(HttpHeaders.LOCATION, "/operations/" + operation.id())
                .body(OperationView.of(operation));
    }

    @Get("/operations/{id}")
    public CompletableFuture<HttpResponse<OperationView>> get(@PathVariable String id, @Nullable @QueryValue String wait) {
        return watch.until(id, WaitParameter.parse(wait, config.maxWait()))
                .thenApply(found -> found.map(op -> HttpResponse.ok(OperationView.of(op)))
                        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "operation-not-found",
                                "Operation not found", "no operation with id " + id)));
    }
}
