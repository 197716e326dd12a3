package dev.baton.eventing.telemetry;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.tracing.opentelemetry.instrument.http.server.OpenTelemetryServerFilter;
import org.reactivestreams.Publisher;

/**
 * With tracing off, Micronaut's HTTP server tracing filter would still wrap every request in a
 * reactive chain and extract its attributes for a no-op span. This takes its place on a path no
 * request has, so no request passes through either.
 */
@Filter(NoHttpTracing.NO_PATH)
@Replaces(OpenTelemetryServerFilter.class)
@Requires(property = "otel.traces.exporter", value = TracingOff.NONE, defaultValue = TracingOff.NONE)
public class NoHttpTracing implements HttpServerFilter {
    static final String NO_PATH = "/.baton-http-tracing-off";

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return chain.proceed(request);
    }
}
