package dev.baton.eventing.telemetry;

import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.RejectedEventException;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;

/**
 * The function as both bindings call it ({@code POST /} and local delivery): counts each event by type
 * and outcome, times its handler and, with tracing on, runs the handler in a span that continues the
 * event's trace. Outcomes are the bindings' answers: ok (2xx), rejected (400, never retried) and
 * retryable (503, retried).
 */
@Singleton
public class ObservedFunction {
    private final CloudEventFunction function;
    private final EventMetrics metrics;
    private final EventTracing tracing;

    public ObservedFunction(CloudEventFunction function, EventMetrics metrics, EventTracing tracing) {
        this.function = function;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** An event with no transport context of its own (local delivery). */
    public Outcome apply(CloudEvent event) {
        return apply(event, Context.root());
    }

    /** @param transport the trace context the transport carried next to the event, e.g. POST /'s headers */
    public Outcome apply(CloudEvent event, Context transport) {
        EventMetrics.Handling meters = metrics.handling(event.getType());
        Span span = tracing.on() ? tracing.startHandling(event, transport) : null;
        long start = System.nanoTime();
        try (Scope ignored = span == null ? Scope.noop() : span.makeCurrent()) {
            Outcome outcome = function.apply(event);
            meters.ok(System.nanoTime() - start);
            return outcome;
        } catch (RejectedEventException e) {
            meters.rejected(System.nanoTime() - start);
            failed(span, e);
            throw e;
        } catch (RuntimeException | Error e) {
            meters.retryable(System.nanoTime() - start);
            failed(span, e);
            throw e;
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    private static void failed(Span span, Throwable error) {
        if (span != null) {
            EventTracing.failed(span, error);
        }
    }
}
