package dev.baton.eventing.http;

import dev.baton.eventing.HandlerPool;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.RejectedEventException;
import dev.baton.eventing.telemetry.EventTracing;
import dev.baton.eventing.telemetry.ObservedFunction;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.opentelemetry.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP binding: {@code POST /} takes a CloudEvent exactly as Knative's KafkaSource delivers it
 * (binary mode with ce-* headers, or structured application/cloudevents+json). 2xx only once the
 * handler's output is acknowledged by Kafka; 400 for an event that can never be processed (the
 * dispatcher dead-letters it without retrying); 503 for a transient failure (retried with backoff).
 */
// Off (BATON_EVENTS_ENABLED=false) where a process must not be an event sink: the operation function's
// public API Service on Knative, whose route anyone can reach.
@Requires(property = "baton.events.enabled", notEquals = "false")
@Controller
public class CloudEventController {
    private static final Logger LOG = LoggerFactory.getLogger(CloudEventController.class);

    private final ObservedFunction function;
    private final EventTracing tracing;

    public CloudEventController(ObservedFunction function, EventTracing tracing) {
        this.function = function;
        this.tracing = tracing;
    }

    @Post(uri = "/", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(HandlerPool.NAME)
    public HttpResponse<Outcome> receive(HttpRequest<?> request, @Nullable @Body byte[] body) {
        CloudEvent event;
        try {
            event = HttpMessageFactory.createReader(
                    headers -> request.getHeaders().forEach((name, values) -> values.forEach(v -> headers.accept(name, v))),
                    body == null ? new byte[0] : body).toEvent();
        } catch (RuntimeException e) {
            // CloudEventRWException, or the JSON format's own exceptions for a broken structured body
            throw new ApiException(HttpStatus.BAD_REQUEST, "not-a-cloudevent", "Not a CloudEvent",
                    "the request is not a valid CloudEvent in binary or structured mode: " + e.getMessage());
        }
        try {
            Context transport = tracing.on() ? tracing.extract(request.getHeaders()::get) : Context.root();
            Outcome outcome = function.apply(event, transport);
            return HttpResponse.ok(outcome);
        } catch (RejectedEventException e) {
            LOG.warn("rejected event {} of type {}: {}", event.getId(), event.getType(), e.getMessage());
            throw EventFailures.answer(e);
        } catch (RuntimeException e) {
            LOG.warn("event {} of type {} failed, the sender should retry: {}", event.getId(), event.getType(), e.toString());
            throw EventFailures.answer(e);
        }
    }
}
