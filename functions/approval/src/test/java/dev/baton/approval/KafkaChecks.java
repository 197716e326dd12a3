package dev.baton.approval;

import dev.baton.testkit.SharedServers;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers around the shared broker: consumer-group progress and reading CloudEvent attributes. */
final class KafkaChecks {
    private KafkaChecks() {
    }

    /**
     * Waits until {@code group} has committed, on every partition of {@code topic}, exactly the end offset:
     * everything written so far was handled (or dead-lettered) and acknowledged to the broker.
     */
    static Map<TopicPartition, Long> awaitCommittedToEnd(String group, String topic) {
        Map<TopicPartition, Long> result = new HashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers()))) {
            await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (TopicPartition partition : partitions) {
                    long end = ends.get(partition);
                    OffsetAndMetadata commit = committed.get(partition);
                    // A partition nothing was ever written to has no commit; that is caught up too.
                    long at = commit == null ? 0 : commit.offset();
                    assertEquals(end, at, "committed offset of " + group + " on " + partition);
                }
                assertTrue(ends.values().stream().mapToLong(Long::longValue).sum() > 0, "nothing was ever written to " + topic);
                result.clear();
                result.putAll(ends);
            });
        }
        return result;
    }

    /** Writes many CloudEvents in binary mode with one producer, as {@link dev.baton.testkit.TopicProbe#publish} writes one. */
    static void publishAll(String topic, List<CloudEvent> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (CloudEvent event : events) {
                Object key = event.getExtension("partitionkey");
                sends.add(producer.send(KafkaMessageFactory.<String>createWriter(topic, key == null ? null : key.toString())
                        .writeBinary(event)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    static String data(CloudEvent event) {
        return event.getData() == null ? null : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }

    static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    static CloudEvent toEvent(ConsumerRecord<String, byte[]> record) {
        return KafkaMessageFactory.createReader(record).toEvent();
    }
}
