package dev.baton.local.replay;

import dev.baton.local.EmbeddedKafka;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded broker for the replay tests, fresh topics per test, and the tool run as its main would run it. */
final class ReplayKafka {
    static final int PARTITIONS = 3;
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static EmbeddedKafka kafka;

    private ReplayKafka() {
    }

    static synchronized String bootstrap() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "replay-test-kafka-stop"));
        }
        return kafka.bootstrapServers();
    }

    static String topic(String prefix) {
        String name = prefix + "-" + TOPICS.incrementAndGet();
        kafka().createTopics(List.of(name), PARTITIONS);
        return name;
    }

    static EmbeddedKafka kafka() {
        bootstrap();
        return kafka;
    }

    /** A Baton-shaped CloudEvent. */
    static CloudEvent event(String id, String type, String operationId, Instant time) {
        return CloudEventBuilder.v1().withId(id).withType(type).withSource(URI.create("/baton/test")).withSubject(operationId)
                .withTime(time.atOffset(ZoneOffset.UTC)).withDataContentType("application/json")
                .withData(("{\"operationId\":\"" + operationId + "\"}").getBytes(StandardCharsets.UTF_8)).build();
    }

    /** Writes the event keyed by its subject, with the record timestamp {@code time}. */
    static void write(String topic, CloudEvent event, Instant time) {
        ProducerRecord<String, byte[]> binary = KafkaMessageFactory.<String>createWriter(topic, event.getSubject()).writeBinary(event);
        send(new ProducerRecord<>(topic, null, time.toEpochMilli(), binary.key(), binary.value(), binary.headers()));
    }

    static void send(ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything on the topic now. */
    static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return Selection.header(record, name);
    }

    /** The tool's exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    static Run replay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("--bootstrap-servers"))) {
            all.add("--bootstrap-servers");
            all.add(bootstrap());
        }
        int code = Replay.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
