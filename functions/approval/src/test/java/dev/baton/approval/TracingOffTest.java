package dev.baton.approval;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.telemetry.EventTracing;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.tracing.opentelemetry.instrument.http.server.OpenTelemetryServerFilter;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without OTEL_TRACES_EXPORTER tracing is off: the no-op API, no HTTP tracing filter, no context on events. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingOffTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties();
    }

    @Test
    void nothingIsTracedOrCarried() {
        assertFalse(context.getBean(EventTracing.class).on());
        assertFalse(context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("x").startSpan().getSpanContext().isValid(),
                "the no-op API makes no spans");
        assertTrue(context.getBeansOfType(HttpServerFilter.class).stream().noneMatch(OpenTelemetryServerFilter.class::isInstance),
                "no request passes Micronaut's tracing filter");

        CloudEvent request = Fixtures.approvalRequested("op-untraced-" + UUID.randomUUID(), "untraced@example.com");
        String decisionId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED);
        try (TopicProbe decisions = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_APPROVE_RESPONSE.topicName())) {
            MutableHttpRequest<byte[]> http = (MutableHttpRequest<byte[]>) ApprovalHttpTest.binary(request);
            http.header("ce-traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            assertEquals(200, client.toBlocking().exchange(http, String.class).code());
            CloudEvent decided = decisions.awaitOne(e -> e.getId().equals(decisionId));
            assertNull(decided.getExtension("traceparent"), "with tracing off no context is carried on");
        }
    }
}
