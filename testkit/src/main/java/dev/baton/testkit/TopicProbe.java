package dev.baton.testkit;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads what functions wrote to a topic, from the moment the probe is created; and writes raw records. */
public final class TopicProbe implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();

    private TopicProbe(String bootstrap, String topic, boolean fromBeginning) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    /** Starts reading {@code topic} at its current end. */
    public static TopicProbe from(String bootstrap, String topic) {
        return new TopicProbe(bootstrap, topic, false);
    }

    /** Reads {@code topic} from its first record, e.g. to replay what is there. */
    public static TopicProbe fromBeginning(String bootstrap, String topic) {
        return new TopicProbe(bootstrap, topic, true);
    }

    /** Waits until a record matching {@code filter} arrives, and returns it as a CloudEvent. */
    public CloudEvent awaitOne(Predicate<CloudEvent> filter) {
        return awaitCount(filter, 1).get(0);
    }

    /** Waits until at least {@code count} matching records arrived, and returns them all. */
    public List<CloudEvent> awaitCount(Predicate<CloudEvent> filter, int count) {
        await().pollInSameThread().atMost(30, TimeUnit.SECONDS).until(() -> {
            pollOnce();
            return matching(filter).size() >= count;
        });
        return matching(filter);
    }

    /** Everything matching seen so far, after reading what is there now. */
    public List<CloudEvent> drain(Predicate<CloudEvent> filter) {
        pollOnce();
        return matching(filter);
    }

    public List<ConsumerRecord<String, byte[]>> records() {
        pollOnce();
        return List.copyOf(seen);
    }

    private void pollOnce() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private List<CloudEvent> matching(Predicate<CloudEvent> filter) {
        return seen.stream().map(TopicProbe::toEvent).filter(e -> e != null && filter.test(e)).toList();
    }

    /** The record as a CloudEvent, or null for a record that is not one (tests put such records on topics on purpose). */
    private static CloudEvent toEvent(ConsumerRecord<String, byte[]> record) {
        try {
            return KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Writes a CloudEvent in binary mode, keyed by its partition key, straight to a topic. */
    public static void publish(String bootstrap, String topic, CloudEvent event) {
        Object key = event.getExtension("partitionkey");
        send(bootstrap, KafkaMessageFactory.<String>createWriter(topic, key == null ? null : key.toString()).writeBinary(event));
    }

    /** Writes an arbitrary record, e.g. one that is not a CloudEvent at all. */
    public static void send(String bootstrap, ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
