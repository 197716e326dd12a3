package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.eventing.contract.Topic;
import dev.baton.local.LocalStack;
import dev.baton.testkit.TopicProbe;
import dev.baton.testkit.TraceReceiver;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One signup is one trace: every event of its saga carries the trace context of the POST (the CloudEvents
 * distributed-tracing extension), and the spans the three function jars export over OTLP form one chain,
 * each hop's span the child of the one before: POST /users → send → process (user) → send → process
 * (approval) → send → process (user) → send → process (operation). Local delivery carries the events here.
 */
class SignupTraceTest {
    /** The saga's topics in the order its events cross them. */
    private static final List<Topic> HOPS = List.of(Topic.USER_CREATE, Topic.USER_APPROVE, Topic.USER_APPROVE_RESPONSE,
            Topic.USER_CREATE_RESPONSE);
    /** The function that handles each hop's event. */
    private static final List<String> HANDLERS = List.of("baton-user", "baton-approval", "baton-user", "baton-operation");

    @Test
    void oneSignupIsOneTraceWhoseHopsAreChildrenOfTheOneBefore() {
        LocalStack stack = Stack.get();
        Api api = new Api(stack.apiUrl());
        List<TopicProbe> probes = HOPS.stream().map(t -> TopicProbe.from(stack.kafkaBootstrapServers(), t.topicName())).toList();
        try {
            Api.Response accepted = api.post("/users", "{\"name\":\"Trace\",\"email\":\"trace-" + UUID.randomUUID() + "@example.com\"}");
            JsonNode done = api.get(accepted.location() + "?wait=30s").body();
            assertEquals("COMPLETED", done.get("state").asText(), done.toString());
            String operationId = done.get("id").asText();
            assertNotNull(done.get("traceId"), "a traced operation names its trace: " + done);
            String traceId = done.get("traceId").asText();
            assertTrue(traceId.matches("[0-9a-f]{32}"), traceId);

            List<CloudEvent> events = new ArrayList<>();
            for (TopicProbe probe : probes) {
                events.add(probe.awaitOne(e -> operationId.equals(e.getSubject())));
            }
            List<String> sendSpans = new ArrayList<>();
            for (CloudEvent event : events) {
                String traceparent = String.valueOf(event.getExtension("traceparent"));
                assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), event.getType() + ": " + traceparent);
                assertEquals(traceId, traceparent.substring(3, 35), "every event carries the POST's trace: " + event.getType());
                sendSpans.add(traceparent.substring(36, 52));
            }

            // Spans leave in batches once they end: wait until all nine of the signup have arrived.
            await().atMost(Duration.ofSeconds(30)).until(() -> Stack.traces().spansOf(traceId).size() >= 1 + 2 * HOPS.size());
            Map<String, TraceReceiver.ReceivedSpan> spans = Stack.traces().spansOf(traceId).stream()
                    .collect(Collectors.toMap(TraceReceiver.ReceivedSpan::spanId, span -> span, (a, b) -> a));
            List<TraceReceiver.ReceivedSpan> roots = spans.values().stream().filter(s -> s.parentSpanId().isEmpty()
                    || s.parentSpanId().equals("0000000000000000")).toList();
            assertEquals(1, roots.size(), "one root: " + spans.values());
            TraceReceiver.ReceivedSpan post = roots.get(0);
            assertEquals("baton-operation", post.service());
            assertEquals("SPAN_KIND_SERVER", post.kind(), post.toString());

            String parent = post.spanId();
            for (int hop = 0; hop < HOPS.size(); hop++) {
                TraceReceiver.ReceivedSpan send = spans.get(sendSpans.get(hop));
                assertNotNull(send, "the span named by " + events.get(hop).getType() + "'s traceparent was exported");
                assertEquals("SPAN_KIND_PRODUCER", send.kind(), send.toString());
                assertEquals("send " + HOPS.get(hop).topicName(), send.name());
                assertEquals(parent, send.parentSpanId(), "the send of hop " + hop + " is a child of the span before it");

                String sendId = send.spanId();
                List<TraceReceiver.ReceivedSpan> handled = spans.values().stream()
                        .filter(s -> s.parentSpanId().equals(sendId) && s.kind().equals("SPAN_KIND_CONSUMER")).toList();
                assertEquals(1, handled.size(), "one handler span continues " + send + ": " + spans.values());
                TraceReceiver.ReceivedSpan process = handled.get(0);
                assertEquals(HANDLERS.get(hop), process.service());
                assertEquals("process " + events.get(hop).getType(), process.name());
                parent = process.spanId();
            }
        } finally {
            probes.forEach(TopicProbe::close);
        }
    }
}
