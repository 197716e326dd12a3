package dev.baton.eventing.delivery;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.RejectedEventException;
import dev.baton.eventing.publish.EventPublisher;
import dev.baton.testkit.ConsumerGroups;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.json.JsonMapper;
import dev.baton.eventing.telemetry.EventMetrics;
import dev.baton.eventing.telemetry.EventTracing;
import dev.baton.eventing.telemetry.ObservedFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Local delivery itself, against the shared broker, with a handler the test scripts: its in-flight
 * window (the consumer pauses when it is full and resumes as records finish), the commits it makes
 * when its partitions are revoked and when it is closed, and a dead letter it cannot write at first.
 * Each test runs its own instance as the approval function's consumer of {@code user-approve}, which
 * nothing else in this JVM consumes.
 */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalDeliveryTest implements TestPropertyProvider {
    private static final BatonFunction FUNCTION = BatonFunction.APPROVAL;
    private static final String TOPIC = Topic.USER_APPROVE.topicName();
    private static final String GROUP = FUNCTION.consumerGroup();
    private static final Duration NEVER = Duration.ofHours(1);

    @Inject
    EventPublisher publisher;

    @Inject
    KafkaDefaultConfiguration kafka;

    @Inject
    JsonMapper json;

    @Inject
    MeterRegistry registry;

    @Inject
    EventMetrics metrics;

    @Inject
    EventTracing tracing;

    @Override
    public Map<String, String> getProperties() {
        // A dead letter to a missing topic fails after max.block.ms; keep that short here.
        return SharedServers.properties("kafka.producers.baton.max.block.ms", "1000", "baton.function", FUNCTION.functionName());
    }

    @Test
    void handlesAtMostMaxInFlightRecordsAtOnceAndResumesAsTheyFinish() {
        Script script = new Script("cap");
        script.hold();
        try (LocalDelivery delivery = start(script, 3, Duration.ofMillis(50))) {
            publish(script.events(8));

            await().atMost(Duration.ofSeconds(20)).until(() -> script.started() >= 3);
            // Full: the consumer is paused, and nothing past the window starts.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> script.started() == 3 && delivery.inFlight() == 3);

            script.release();
            await().atMost(Duration.ofSeconds(20)).until(() -> script.handled() == 8);
            assertEquals(8, script.started(), "each record handled once");
            ConsumerGroups.awaitCommittedToEnd(SharedServers.kafkaBootstrapServers(), GROUP, TOPIC);
            await().atMost(Duration.ofSeconds(5)).until(() -> delivery.inFlight() == 0);
        }
    }

    @Test
    void commitsWhatItHandledWhenItIsClosed() throws Exception {
        Script script = new Script("close");
        LocalDelivery delivery = start(script, 16, NEVER);
        try {
            publish(script.events(5));
            await().atMost(Duration.ofSeconds(20)).until(() -> script.handled() == 5);
            assertTrue(committedTotal() < endTotal(), "no commit before the close: the interval is an hour");
        } finally {
            delivery.close();
        }
        ConsumerGroups.awaitCommittedToEnd(SharedServers.kafkaBootstrapServers(), GROUP, TOPIC);
    }

    @Test
    void commitsWhatItHandledWhenItsPartitionsAreRevoked() throws Exception {
        Script script = new Script("revoke");
        try (LocalDelivery delivery = start(script, 16, NEVER)) {
            List<CloudEvent> events = script.events(6);
            publish(events);
            await().atMost(Duration.ofSeconds(20)).until(() -> script.handled() == 6);
            assertTrue(committedTotal() < endTotal(), "no commit yet: the interval is an hour");

            Set<String> ids = events.stream().map(CloudEvent::getId).collect(Collectors.toSet());
            List<String> redelivered = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> newcomer = newcomer()) {
                newcomer.subscribe(List.of(TOPIC));
                // Joining the group revokes the first member's partitions; it commits what it handled first,
                // so the newcomer starts after those records instead of receiving them again.
                Map<TopicPartition, Long> ends = endOffsets();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<String, byte[]> record : newcomer.poll(Duration.ofMillis(100))) {
                        String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                        if (ids.contains(id)) {
                            redelivered.add(id);
                        }
                    }
                    // Assigned, and read up to the end of what it was given.
                    return !newcomer.assignment().isEmpty()
                            && newcomer.assignment().stream().allMatch(p -> newcomer.position(p) >= ends.get(p));
                });
                assertEquals(List.of(), redelivered, "records handled before the rebalance came again");
                ConsumerGroups.awaitCommittedToEnd(SharedServers.kafkaBootstrapServers(), GROUP, TOPIC);
            }
        }
    }

    @Test
    void keepsARecordUncommittedUntilItsDeadLetterIsWritten() throws Exception {
        Script script = new Script("dlq");
        String deadLetterTopic = Topic.USER_APPROVE.deadLetterTopicName();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers()));
             LocalDelivery delivery = start(script, 16, Duration.ofMillis(50))) {
            admin.deleteTopics(List.of(deadLetterTopic)).all().get(10, TimeUnit.SECONDS);
            CloudEvent rejected = script.rejected();
            try {
                publish(List.of(rejected));
                await().atMost(Duration.ofSeconds(20)).until(() -> script.started() == 1);
                // Each write waits max.block.ms (1 s) for a topic that is not there, fails, and is tried again.
                await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                        .until(() -> committedTotal() < endTotal());
            } finally {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                    admin.createTopics(List.of(new NewTopic(deadLetterTopic, SharedServers.PARTITIONS, (short) 1)))
                            .all().get(10, TimeUnit.SECONDS);
                    return true;
                });
            }
            try (TopicProbe deadLetters = TopicProbe.fromBeginning(SharedServers.kafkaBootstrapServers(), deadLetterTopic)) {
                CloudEvent dead = deadLetters.awaitOne(e -> e.getId().equals(rejected.getId()));
                assertEquals("400", String.valueOf(dead.getExtension("knativeerrorcode")));
                assertTrue(String.valueOf(dead.getExtension("batonerrorreason")).contains("rejected by the test"));
            }
            ConsumerGroups.awaitCommittedToEnd(SharedServers.kafkaBootstrapServers(), GROUP, TOPIC);
            assertEquals(1, script.started(), "a rejected record is handled once; only its dead letter is retried");
        }
    }

    private LocalDelivery start(CloudEventFunction handler, int maxInFlight, Duration commitInterval) {
        LocalDeliveryConfig config = new LocalDeliveryConfig(true, maxInFlight, 2, Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofMillis(50), commitInterval, Duration.ofSeconds(10), "baton", null, null);
        return new LocalDelivery(new ObservedFunction(handler, metrics, tracing), FUNCTION, config, publisher, kafka, json, registry, metrics);
    }

    private static void publish(List<CloudEvent> events) {
        events.forEach(event -> TopicProbe.publish(SharedServers.kafkaBootstrapServers(), TOPIC, event));
    }

    private static KafkaConsumer<String, byte[]> newcomer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static long committedTotal() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(TOPIC) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static long endTotal() throws Exception {
        return endOffsets().values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < SharedServers.PARTITIONS; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    /** The handler, scripted per test: its own events are counted and may be held or rejected; any other is just handled. */
    private static final class Script implements CloudEventFunction {
        private final String prefix;
        private final Set<String> started = ConcurrentHashMap.newKeySet();
        private final Set<String> handled = ConcurrentHashMap.newKeySet();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        Script(String test) {
            this.prefix = "op-delivery-" + test + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        }

        List<CloudEvent> events(int count) {
            List<CloudEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(Fixtures.approvalRequested(prefix + i, "delivery" + i + "@example.com"));
            }
            return events;
        }

        CloudEvent rejected() {
            return Fixtures.approvalRequested(prefix + "rejected", "rejected@example.com");
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        int started() {
            return started.size();
        }

        int handled() {
            return handled.size();
        }

        @Override
        public Outcome apply(CloudEvent event) {
            if (event.getSubject() == null || !event.getSubject().startsWith(prefix)) {
                return Outcome.of(event.getId(), "not this test's");
            }
            started.add(event.getId());
            if (event.getSubject().endsWith("rejected")) {
                throw new RejectedEventException("rejected by the test");
            }
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            handled.add(event.getId());
            return Outcome.of(event.getId(), "handled");
        }
    }
}
