package dev.baton.approval;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static dev.baton.approval.KafkaChecks.extension;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One table, both bindings: for each input, the answer {@code POST /} gives (what the KafkaSource
 * dispatcher acts on: 2xx done, 400 dead-letter at once, 5xx retry) and what local delivery does with
 * the same input (attempts, and the dead letter with the dispatcher's extensions). If the two drift
 * apart, a row fails.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryConformanceTest implements TestPropertyProvider {
    private static final String BOOTSTRAP = SharedServers.kafkaBootstrapServers();
    private static final String REQUESTS = Topic.USER_APPROVE.topicName();
    private static final int RETRY = 2;

    /** This input, this answer, these attempts, this dead letter (null: none). */
    record Row(String name, Function<String, CloudEvent> input, int status, String problem, int attempts, Integer deadLetterCode) {
    }

    static final List<Row> TABLE = List.of(
            new Row("approved", id -> Fixtures.approvalRequested(id, "ok@example.com"), 200, null, 1, null),
            new Row("unknown type", id -> CloudEventBuilder.from(Fixtures.unknownType()).withId(id).withSubject(id).build(),
                    400, "rejected-event", 1, 400),
            new Row("transient failure", id -> Fixtures.approvalRequested(FlakyApprover.DOOMED + id, "down@example.com"),
                    503, "transient-failure", RETRY + 1, 503),
            new Row("output Kafka refuses for good", id -> Fixtures.approvalRequested(FlakyApprover.UNPUBLISHABLE + id, "big@example.com"),
                    400, "rejected-event", 1, 400));

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties("baton.local-delivery.enabled", "true",
                "baton.local-delivery.retry", String.valueOf(RETRY),
                "baton.local-delivery.backoff-delay", "20ms",
                "test.flaky-approver", "true");
    }

    @Test
    void bothBindingsFollowTheTable() throws IOException {
        for (Row row : TABLE) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            Answer http = post(row.input().apply("conf-http-" + tag));
            assertEquals(row.status(), http.status(), row.name() + ": HTTP status");
            if (row.problem() != null) {
                assertEquals("https://baton.dev/problems/" + row.problem(), http.body().get("type").getStringValue(), row.name());
            }
            CloudEvent local = row.input().apply("conf-local-" + tag);
            CloudEvent deadLetter = deliverLocally(local, row.deadLetterCode() != null);
            if (row.deadLetterCode() == null) {
                assertNull(deadLetter, row.name() + ": no dead letter");
                continue;
            }
            assertEquals(String.valueOf(row.deadLetterCode()), extension(deadLetter, "knativeerrorcode"), row.name());
            assertEquals(String.valueOf(http.status()), extension(deadLetter, "knativeerrorcode"), row.name() + ": the status POST / answers");
            assertEquals(String.valueOf(row.attempts()), extension(deadLetter, "batonattempts"), row.name() + ": attempts");
            assertEquals("http://baton-approval.baton.svc.cluster.local", extension(deadLetter, "knativeerrordest"), row.name());
            JsonNode problem = json.readValue(Base64.getDecoder().decode(extension(deadLetter, "knativeerrordata")), JsonNode.class);
            for (String field : List.of("type", "title", "status", "instance")) {
                assertEquals(http.body().get(field), problem.get(field), row.name() + ": knativeerrordata " + field + " is POST /'s answer");
            }
            assertEquals(local.getId(), deadLetter.getId(), row.name() + ": the original event");
            assertEquals(REQUESTS, extension(deadLetter, "batonsourcetopic"));
        }
    }

    /** A record that is not a CloudEvent: wrapped as the dispatcher wraps it, then answered the same way. */
    @Test
    void aRecordThatIsNotACloudEventIsWrappedLikeTheDispatcherDoes() throws IOException {
        String key = "op-conf-raw-" + UUID.randomUUID();
        try (TopicProbe deadLetters = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE.deadLetterTopicName())) {
            TopicProbe.send(BOOTSTRAP, new ProducerRecord<>(REQUESTS, key, "plain text".getBytes(StandardCharsets.UTF_8)));
            ConsumerRecord<String, byte[]> dead = awaitRecord(deadLetters, key);
            CloudEvent wrapped = KafkaChecks.toEvent(dead);
            assertEquals("dev.knative.kafka.event", wrapped.getType());
            assertEquals("/apis/v1/namespaces/baton/kafkasources/baton-approval#" + REQUESTS, wrapped.getSource().toString());
            assertEquals(key, extension(wrapped, "key"));
            assertEquals(key, extension(wrapped, "partitionkey"));
            assertEquals("400", extension(wrapped, "knativeerrorcode"));
            // POST / answers the same wrapped event the same way.
            Answer http = post(CloudEventBuilder.from(wrapped).withId("conf-raw-http-" + key).withDataContentType("text/plain").build());
            assertEquals(400, http.status());
        }
        KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), REQUESTS);
    }

    private CloudEvent deliverLocally(CloudEvent event, boolean expectDeadLetter) {
        try (TopicProbe deadLetters = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE.deadLetterTopicName())) {
            TopicProbe.publish(BOOTSTRAP, REQUESTS, event);
            if (expectDeadLetter) {
                return deadLetters.awaitOne(e -> e.getId().equals(event.getId()));
            }
            KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), REQUESTS);
            return deadLetters.drain(e -> e.getId().equals(event.getId())).stream().findFirst().orElse(null);
        }
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(TopicProbe probe, String key) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> probe.records().stream().filter(r -> key.equals(r.key())).findFirst(), Optional::isPresent).orElseThrow();
    }

    record Answer(int status, JsonNode body) {
    }

    private Answer post(CloudEvent event) throws IOException {
        try {
            HttpResponse<String> response = client.toBlocking().exchange(ApprovalHttpTest.binary(event), String.class);
            return new Answer(response.code(), null);
        } catch (HttpClientResponseException e) {
            String body = e.getResponse().getBody(String.class).orElse("{}");
            return new Answer(e.getStatus().getCode(), json.readValue(body, JsonNode.class));
        }
    }
}
