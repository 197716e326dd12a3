package dev.baton.user;

import dev.baton.testkit.SharedServers;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reading CloudEvents back: their data and extensions, and a topic's whole history. */
final class TestEvents {
    private TestEvents() {
    }

    static String data(CloudEvent event) {
        return event.getData() == null ? null : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }

    static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    /**
     * Every CloudEvent on {@code topic} from the beginning up to its current end that matches, in
     * partition-then-offset order, each with the {@code knativekafkapartition}/{@code knativekafkaoffset}
     * extensions a KafkaSource adds when it delivers a record.
     */
    static List<CloudEvent> history(String topic, Predicate<CloudEvent> filter) {
        List<CloudEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + ends);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort((a, b) -> a.partition() != b.partition()
                    ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
            for (ConsumerRecord<String, byte[]> record : records) {
                CloudEvent event = io.cloudevents.core.builder.CloudEventBuilder.from(KafkaMessageFactory.createReader(record).toEvent())
                        .withExtension("knativekafkapartition", record.partition())
                        .withExtension("knativekafkaoffset", record.offset())
                        .build();
                if (filter.test(event)) {
                    events.add(event);
                }
            }
        }
        return events;
    }
}
