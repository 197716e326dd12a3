package dev.baton.eventing.telemetry;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.tracing.opentelemetry.DefaultOpenTelemetryFactory;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Singleton;

/**
 * Tracing is off unless a traces exporter is configured ({@code OTEL_TRACES_EXPORTER=otlp}, or
 * {@code otel.traces.exporter}). Micronaut's own default, an SDK with the exporter {@code none}, would
 * still build, sample and drop a span for every request; the no-op API builds none, and its HTTP
 * server instrumentation sees a disabled tracer and does not start at all.
 */
@Factory
public class TracingOff {
    static final String NONE = "none";

    @Singleton
    @Replaces(bean = OpenTelemetry.class, factory = DefaultOpenTelemetryFactory.class)
    @Requires(property = "otel.traces.exporter", value = NONE, defaultValue = NONE)
    OpenTelemetry noTracing() {
        return OpenTelemetry.noop();
    }
}
