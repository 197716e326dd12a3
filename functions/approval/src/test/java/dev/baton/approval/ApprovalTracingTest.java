package dev.baton.approval;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import dev.baton.testkit.TraceReceiver;
import io.cloudevents.CloudEvent;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tracing on the HTTP binding, with a real OTLP exporter sending to a receiver in this JVM: the handler's
 * span continues the trace context the event carries (ce-traceparent), or the delivery's own
 * {@code traceparent} header when that is of the same trace (the Knative dispatcher's span), and the
 * decision it publishes carries the context of its send span.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalTracingTest implements TestPropertyProvider {
    private static final TraceReceiver TRACES = TraceReceiver.start();

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(SharedServers.properties());
        properties.put("otel.traces.exporter", "otlp");
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        properties.put("otel.exporter.otlp.endpoint", TRACES.endpoint());
        properties.put("otel.bsp.schedule.delay", "50");
        return properties;
    }

    @AfterAll
    void stopReceiver() {
        TRACES.close();
    }

    @Test
    void theHandlerContinuesTheEventsTraceAndTheDecisionCarriesItOn() {
        String traceId = hex(16);
        String upstreamSend = hex(8);
        CloudEvent request = Fixtures.approvalRequested("op-trace-" + UUID.randomUUID(), "trace@example.com");

        CloudEvent decided = post(request, Map.of("ce-traceparent", "00-" + traceId + "-" + upstreamSend + "-01"));

        TraceReceiver.ReceivedSpan process = span(traceId, "process " + BatonEventType.USER_APPROVAL_REQUESTED.type());
        assertEquals(upstreamSend, process.parentSpanId(), "the handler continues the event's context");
        assertEquals("baton-approval", process.service());
        TraceReceiver.ReceivedSpan send = span(traceId, "send " + Topic.USER_APPROVE_RESPONSE.topicName());
        assertEquals(process.spanId(), send.parentSpanId());
        assertEquals("00-" + traceId + "-" + send.spanId() + "-01", String.valueOf(decided.getExtension("traceparent")));
    }

    @Test
    void aDeliverySpanOfTheSameTraceIsTheHandlersParent() {
        String traceId = hex(16);
        String dispatcher = hex(8);
        CloudEvent request = Fixtures.approvalRequested("op-trace-" + UUID.randomUUID(), "dispatched@example.com");

        post(request, Map.of("ce-traceparent", "00-" + traceId + "-" + hex(8) + "-01",
                "traceparent", "00-" + traceId + "-" + dispatcher + "-01"));

        TraceReceiver.ReceivedSpan process = span(traceId, "process " + BatonEventType.USER_APPROVAL_REQUESTED.type());
        assertEquals(dispatcher, process.parentSpanId());
    }

    /** Posts the event in binary mode with these extra headers; returns the decision it published. */
    private CloudEvent post(CloudEvent request, Map<String, String> headers) {
        String decisionId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED);
        try (TopicProbe decisions = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_APPROVE_RESPONSE.topicName())) {
            MutableHttpRequest<byte[]> http = (MutableHttpRequest<byte[]>) ApprovalHttpTest.binary(request);
            headers.forEach(http::header);
            assertEquals(200, client.toBlocking().exchange(http, String.class).code());
            return decisions.awaitOne(e -> e.getId().equals(decisionId));
        }
    }

    private static TraceReceiver.ReceivedSpan span(String traceId, String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TRACES.spansOf(traceId).stream().anyMatch(s -> s.name().equals(name)));
        List<TraceReceiver.ReceivedSpan> found = TRACES.spansOf(traceId).stream().filter(s -> s.name().equals(name)).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
