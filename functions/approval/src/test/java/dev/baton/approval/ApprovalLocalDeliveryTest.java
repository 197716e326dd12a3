package dev.baton.approval;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.delivery.LocalDelivery;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.baton.approval.KafkaChecks.data;
import static dev.baton.approval.KafkaChecks.extension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local delivery: the function consumes {@code user-approve} itself, as its KafkaSource would deliver it. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalLocalDeliveryTest implements TestPropertyProvider {
    private static final String BOOTSTRAP = SharedServers.kafkaBootstrapServers();
    private static final String REQUESTS = Topic.USER_APPROVE.topicName();

    @Inject
    LocalDelivery delivery;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties("baton.local-delivery.enabled", "true");
    }

    @Test
    void aRequestWrittenToTheTopicIsDecided() {
        CloudEvent request = Fixtures.approvalRequested("op-ld-1", "ld1@example.com");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED);
        try (TopicProbe decisions = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE_RESPONSE.topicName())) {
            TopicProbe.publish(BOOTSTRAP, REQUESTS, request);

            CloudEvent decided = decisions.awaitOne(e -> e.getId().equals(expectedId));
            assertEquals(BatonEventType.USER_APPROVAL_DECIDED.type(), decided.getType());
            assertEquals("op-ld-1", decided.getSubject());
            assertTrue(data(decided).contains("\"decision\":\"APPROVED\""), data(decided));
        }
        KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), REQUESTS);
    }

    @Test
    void recordsThatCanNeverBeHandledAreDeadLetteredAndTheNextOneIsStillDecided() {
        CloudEvent valid = Fixtures.approvalRequested("op-ld-after-dlq", "after-dlq@example.com");
        String decisionId = EventIds.derive(valid.getId(), BatonEventType.USER_APPROVAL_DECIDED);
        byte[] notAnEvent = "{\"name\":\"just JSON, no ce_ headers\"}".getBytes(StandardCharsets.UTF_8);
        try (TopicProbe deadLetters = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE.deadLetterTopicName());
             TopicProbe decisions = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE_RESPONSE.topicName());
             TopicProbe requests = TopicProbe.from(BOOTSTRAP, REQUESTS)) {
            TopicProbe.send(BOOTSTRAP, new ProducerRecord<>(REQUESTS, "op-ld-junk", notAnEvent));
            TopicProbe.publish(BOOTSTRAP, REQUESTS, Fixtures.unknownType());
            TopicProbe.publish(BOOTSTRAP, REQUESTS, valid);

            assertEquals("op-ld-after-dlq", decisions.awaitOne(e -> e.getId().equals(decisionId)).getSubject());

            deadLetters.awaitCount(e -> true, 2);
            List<ConsumerRecord<String, byte[]>> records = deadLetters.records();
            assertEquals(2, records.size(), "exactly the two bad records are dead-lettered");

            ConsumerRecord<String, byte[]> junkRecord = records.stream().filter(r -> "op-ld-junk".equals(r.key())).findFirst().orElseThrow();
            CloudEvent junk = KafkaChecks.toEvent(junkRecord);
            // Wrapped as a KafkaSource wraps any record that is not a CloudEvent, payload untouched.
            assertEquals("dev.knative.kafka.event", junk.getType());
            assertEquals("partition:" + extension(junk, "batonsourcepartition") + "/offset:" + extension(junk, "batonsourceoffset"),
                    junk.getId());
            assertEquals(new String(notAnEvent, StandardCharsets.UTF_8), data(junk));
            assertRejectedDeadLetter(junk, "unknown event type 'dev.knative.kafka.event'");
            ConsumerRecord<String, byte[]> junkSource = requests.records().stream()
                    .filter(r -> "op-ld-junk".equals(r.key())).findFirst().orElseThrow();
            assertEquals(String.valueOf(junkSource.partition()), extension(junk, "batonsourcepartition"));
            assertEquals(String.valueOf(junkSource.offset()), extension(junk, "batonsourceoffset"));

            CloudEvent unknown = records.stream().map(KafkaChecks::toEvent)
                    .filter(e -> e.getId().equals(Fixtures.unknownType().getId())).findFirst().orElseThrow();
            assertEquals("com.example.something.happened", unknown.getType());
            assertEquals(Fixtures.unknownType().getSubject(), unknown.getSubject());
            assertEquals(data(Fixtures.unknownType()), data(unknown));
            assertRejectedDeadLetter(unknown, "unknown event type 'com.example.something.happened'");
        }
        KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), REQUESTS);
    }

    @Test
    void afterHandlingTheGroupHasCommittedEveryOffset() {
        try (TopicProbe decisions = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE_RESPONSE.topicName())) {
            for (int i = 0; i < 6; i++) {
                TopicProbe.publish(BOOTSTRAP, REQUESTS, Fixtures.approvalRequested("op-ld-commit-" + i, "commit" + i + "@example.com"));
            }
            decisions.awaitCount(e -> e.getSubject().startsWith("op-ld-commit-"), 6);
        }
        var ends = KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), REQUESTS);
        assertTrue(ends.size() == SharedServers.PARTITIONS, ends::toString);
        assertEquals(0, delivery.inFlight());
    }

    /**
     * A structured-mode record whose body is not CloudEvent JSON cannot be read as an event at all. Like
     * any record that is not a CloudEvent it is wrapped as the KafkaSource wraps it, rejected and
     * dead-lettered at once, and the poller carries on: the record after it is still decided.
     */
    @Test
    void aStructuredModeRecordThatIsNotACloudEventIsDeadLetteredAndDeliveryGoesOn() {
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(REQUESTS, "op-ld-poison", "{not json".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        CloudEvent valid = Fixtures.approvalRequested("op-ld-after-poison", "after-poison@example.com");
        String decisionId = EventIds.derive(valid.getId(), BatonEventType.USER_APPROVAL_DECIDED);
        try (TopicProbe deadLetters = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE.deadLetterTopicName());
             TopicProbe decisions = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE_RESPONSE.topicName())) {
            TopicProbe.send(BOOTSTRAP, poison);
            TopicProbe.publish(BOOTSTRAP, REQUESTS, valid);

            decisions.awaitOne(e -> e.getId().equals(decisionId));
            CloudEvent dead = deadLetters.awaitOne(e -> "op-ld-poison".equals(extension(e, "partitionkey")));
            assertEquals("dev.knative.kafka.event", dead.getType());
            assertEquals("{not json", data(dead), "the record's body, untouched");
            assertRejectedDeadLetter(dead, "unknown event type 'dev.knative.kafka.event'");
        }
        KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), REQUESTS);
    }

    private static void assertRejectedDeadLetter(CloudEvent deadLetter, String reasonPart) {
        assertEquals("400", extension(deadLetter, "knativeerrorcode"));
        assertEquals("http://baton-approval.baton.svc.cluster.local", extension(deadLetter, "knativeerrordest"));
        String reason = extension(deadLetter, "batonerrorreason");
        assertNotNull(reason);
        assertFalse(reason.isBlank());
        assertTrue(reason.contains(reasonPart), reason);
        assertEquals("1", extension(deadLetter, "batonattempts"), "a rejected event is not retried");
        assertEquals(REQUESTS, extension(deadLetter, "batonsourcetopic"));
        int partition = Integer.parseInt(extension(deadLetter, "batonsourcepartition"));
        assertTrue(partition >= 0 && partition < SharedServers.PARTITIONS, "partition " + partition);
        assertTrue(Long.parseLong(extension(deadLetter, "batonsourceoffset")) >= 0);
        assertEquals(extension(deadLetter, "batonsourcepartition"), extension(deadLetter, "knativekafkapartition"));
        assertEquals(extension(deadLetter, "batonsourceoffset"), extension(deadLetter, "knativekafkaoffset"));
    }
}
