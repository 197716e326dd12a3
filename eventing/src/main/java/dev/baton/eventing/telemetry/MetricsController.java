package dev.baton.eventing.telemetry;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * The Prometheus scrape endpoint, {@code GET /metrics}, on its own port ({@code baton.metrics.port}, env
 * {@code BATON_METRICS_PORT}, {@value #DEFAULT_PORT} by default) and bound to the server's host ({@code BATON_HOST}).
 * Micronaut opens a listener for a controller with a port of its own and routes to it nothing else, and
 * it routes nothing else to that listener, so the scrape is never reachable through the public Knative
 * route (which reaches port 8080 only), while the kubelet's probes stay on 8080. Micronaut's own
 * {@code /metrics} and {@code /prometheus} management endpoints would sit on 8080: they are switched off
 * in the shared application.yml. {@code baton.metrics.enabled=false} opens no listener (the meters stay):
 * the tests that run functions in their own JVM do so, because a port picked for a second listener can be
 * taken by a client's ephemeral port before the server binds it.
 */
@Requires(property = "baton.metrics.enabled", notEquals = "false")
@Controller(port = "${baton.metrics.port:" + MetricsController.DEFAULT_PORT + "}")
public class MetricsController {
    /**
     * What the Knative manifests set too (metrics.port in baton-config). Not 9090: queue-proxy shares every
     * Knative pod's network and holds 9090 (autoscaling metrics); Knative reserves 8012, 8013, 8022, 8112,
     * 9090, 9091 and 8008 for it.
     */
    public static final String DEFAULT_PORT = "9095";

    /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(uri = "/metrics", produces = TEXT_FORMAT)
    public String scrape() {
        return registry.scrape();
    }
}
