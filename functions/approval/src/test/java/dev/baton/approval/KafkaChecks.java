package dev.baton.approval;

import dev.baton.testkit.ConsumerGroups;
import dev.baton.testkit.SharedServers;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Test helpers around the shared broker: consumer-group progress, writing many events, reading CloudEvent attributes. */
final class KafkaChecks {
    private KafkaChecks() {
    }

    /** {@link ConsumerGroups#awaitCommittedToEnd} on the shared broker. */
    static Map<TopicPartition, Long> awaitCommittedToEnd(String group, String topic) {
        return ConsumerGroups.awaitCommittedToEnd(SharedServers.kafkaBootstrapServers(), group, topic);
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
