package dev.baton.operation;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.Topic;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Local delivery (KafkaSource semantics) on {@code user-create-response}: what the operation function
 * rejects is dead-lettered to {@code user-create-response.dlq} at once with why and where it came
 * from, and the records after it on the same partition are still processed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalDeliveryDeadLetterTest extends OperationApiTest {
    private static final String TOPIC = Topic.USER_CREATE_RESPONSE.topicName();
    private static final int PARTITION = 1;

    @Override
    public Map<String, String> getProperties() {
        return TestHttp.properties("baton.local-delivery.enabled", "true");
    }

    @Test
    void malformedAndNonCloudEventRecordsAreDeadLetteredAndTheNextRecordIsStillProcessed() {
        String id = signupId("dlq-next");
        CloudEvent malformed = Fixtures.malformedData(BatonEventType.USER_CREATE_COMPLETED);
        String plainKey = "dlq-plain-" + UUID.randomUUID();
        byte[] plainBytes = ("this is not a CloudEvent " + plainKey).getBytes(StandardCharsets.UTF_8);

        try (TopicProbe deadLetters = TopicProbe.from(TestHttp.bootstrap(), Topic.USER_CREATE_RESPONSE.deadLetterTopicName())) {
            // All on one partition, the valid completion last: the bad records must not hold it up.
            TopicProbe.send(TestHttp.bootstrap(), onPartition(malformed, malformed.getSubject()));
            TopicProbe.send(TestHttp.bootstrap(), new ProducerRecord<>(TOPIC, PARTITION, plainKey, plainBytes));
            TopicProbe.send(TestHttp.bootstrap(), onPartition(Fixtures.userCreateCompleted(id), id));

            CloudEvent deadMalformed = deadLetters.awaitOne(e -> e.getId().equals(malformed.getId()));
            assertRejectedFrom(deadMalformed);
            assertEquals(malformed.getType(), deadMalformed.getType());
            assertEquals(malformed.getSource(), deadMalformed.getSource());
            assertEquals(malformed.getSubject(), deadMalformed.getSubject());
            assertArrayEquals(malformed.getData().toBytes(), deadMalformed.getData().toBytes(), "the dead letter keeps the original data");
            assertTrue(reason(deadMalformed).contains("UserCreateCompleted"), reason(deadMalformed));

            CloudEvent deadPlain = deadLetters.awaitOne(e -> plainKey.equals(e.getExtension("key")));
            assertRejectedFrom(deadPlain);
            assertEquals("dev.knative.kafka.event", deadPlain.getType(), "a non-CloudEvent record is wrapped as KafkaSource does");
            assertEquals("partition:" + PARTITION + "/offset:" + offset(deadPlain), deadPlain.getId());
            assertArrayEquals(plainBytes, deadPlain.getData().toBytes());
            assertTrue(reason(deadPlain).contains("unknown event type"), reason(deadPlain));
            assertTrue(offset(deadPlain) > offset(deadMalformed));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "COMPLETED".equals(get("/operations/" + id).map().get("state")));
            assertTrue(deadLetters.drain(e -> id.equals(e.getSubject())).isEmpty(), "the valid completion was dead-lettered");
        }
    }

    @Test
    void unknownTypeAndInvalidDataAreDeadLettered() {
        CloudEvent unknown = Fixtures.unknownType();
        CloudEvent invalid = Fixtures.invalidData(BatonEventType.USER_CREATE_FAILED);
        try (TopicProbe deadLetters = TopicProbe.from(TestHttp.bootstrap(), Topic.USER_CREATE_RESPONSE.deadLetterTopicName())) {
            TopicProbe.publish(TestHttp.bootstrap(), TOPIC, unknown);
            TopicProbe.publish(TestHttp.bootstrap(), TOPIC, invalid);

            CloudEvent deadUnknown = deadLetters.awaitOne(e -> e.getId().equals(unknown.getId()));
            CloudEvent deadInvalid = deadLetters.awaitOne(e -> e.getId().equals(invalid.getId()));

            assertEquals("400", String.valueOf(deadUnknown.getExtension("knativeerrorcode")));
            assertEquals(TOPIC, deadUnknown.getExtension("batonsourcetopic"));
            assertEquals("400", String.valueOf(deadInvalid.getExtension("knativeerrorcode")));
            assertTrue(reason(deadInvalid).contains("error"), reason(deadInvalid));
        }
    }

    @Test
    void completionForAnUnknownOperationIsDeadLettered() {
        String unknown = "dlq-unknown-op-" + UUID.randomUUID();
        CloudEvent completion = Fixtures.userCreateCompleted(unknown);
        try (TopicProbe deadLetters = TopicProbe.from(TestHttp.bootstrap(), Topic.USER_CREATE_RESPONSE.deadLetterTopicName())) {
            TopicProbe.publish(TestHttp.bootstrap(), TOPIC, completion);

            CloudEvent dead = deadLetters.awaitOne(e -> e.getId().equals(completion.getId()));

            assertEquals("400", String.valueOf(dead.getExtension("knativeerrorcode")));
            assertTrue(reason(dead).contains(unknown), reason(dead));
        }
    }

    private static void assertRejectedFrom(CloudEvent deadLetter) {
        assertEquals("400", String.valueOf(deadLetter.getExtension("knativeerrorcode")), "rejected, not retried");
        assertEquals("http://baton-operation-events.baton.svc.cluster.local", deadLetter.getExtension("knativeerrordest"));
        assertEquals("1", String.valueOf(deadLetter.getExtension("batonattempts")), "a rejected event is not retried");
        assertFalse(reason(deadLetter).isBlank());
        assertEquals(TOPIC, deadLetter.getExtension("batonsourcetopic"));
        assertEquals(String.valueOf(PARTITION), String.valueOf(deadLetter.getExtension("batonsourcepartition")));
        assertNotNull(deadLetter.getExtension("batonsourceoffset"));
        assertTrue(offset(deadLetter) >= 0);
        assertEquals(String.valueOf(offset(deadLetter)), String.valueOf(deadLetter.getExtension("knativekafkaoffset")));
    }

    private static String reason(CloudEvent deadLetter) {
        Object reason = deadLetter.getExtension("batonerrorreason");
        return reason == null ? "" : reason.toString();
    }

    private static long offset(CloudEvent deadLetter) {
        return Long.parseLong(String.valueOf(deadLetter.getExtension("batonsourceoffset")));
    }

    private static ProducerRecord<String, byte[]> onPartition(CloudEvent event, String key) {
        return KafkaMessageFactory.<String>createWriter(TOPIC, PARTITION, null, key).writeBinary(event);
    }
}
