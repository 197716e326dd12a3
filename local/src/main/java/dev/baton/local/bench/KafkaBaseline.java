package dev.baton.local.bench;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.publish.EventPublisher;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * What the broker does on its own with the saga's traffic: as many events as the saga writes, of the size of a
 * real Baton CloudEvent record, produced as the functions produce them (acks=all, idempotent) and consumed once,
 * as fast as it goes. Baton's Kafka events/s divided by this rate says how much of the broker the saga uses.
 */
final class KafkaBaseline {

    static final String TOPIC = "baton-bench-baseline";

    /** The saga's own topics have this many unless BATON_TOPIC_PARTITIONS said otherwise; copied when present. */
    private static final int DEFAULT_PARTITIONS = 6;
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    record Result(long events, long produced, long consumed, double seconds, int recordBytes,
                  StackCpu.Usage broker) {

        double eventsPerSecond() {
            return seconds > 0 ? consumed / seconds : Double.NaN;
        }

        boolean complete() {
            return produced == events && consumed == events;
        }

        /** Under {@code kafka.}; the ratio only when every event went through, else the rate means little. */
        Map<String, Number> figures(double sagaEventsPerSecond) {
            Map<String, Number> figures = new java.util.LinkedHashMap<>();
            if (complete() && eventsPerSecond() > 0 && !Double.isNaN(sagaEventsPerSecond)) {
                figures.put("kafka.ratioPercent", round(100 * sagaEventsPerSecond / eventsPerSecond(), 3));
            }
            if (!Double.isNaN(eventsPerSecond())) {
                figures.put("kafka.baseline.eventsPerSecond", round(eventsPerSecond(), 1));
            }
            figures.put("kafka.baseline.events", events);
            figures.put("kafka.baseline.produced", produced);
            figures.put("kafka.baseline.consumed", consumed);
            figures.put("kafka.baseline.seconds", round(seconds, 3));
            figures.put("kafka.baseline.recordBytes", (long) recordBytes);
            if (broker != null && broker.complete() && consumed > 0) {
                figures.put("kafka.baseline.brokerCpuSeconds", round(broker.totalCpuSeconds(), 3));
                figures.put("kafka.baseline.brokerCpuMsPerEvent", round(1000 * broker.totalCpuSeconds() / consumed, 4));
            }
            return figures;
        }
    }

    /** The broker could not be reached, or refused the topic or the events. */
    static final class Failure extends RuntimeException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String bootstrapServers;

    KafkaBaseline(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * @param broker the broker's process, measured over the same window; null when it is not known
     * @throws Failure when the broker cannot be reached or refuses the topic
     */
    Result run(long events, StackCpu broker) throws InterruptedException {
        try {
            return runOn(events, broker);
        } catch (KafkaException e) {
            String cause = e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")";
            throw new Failure(bootstrapServers + ": " + e.getMessage() + cause, e);
        }
    }

    private Result runOn(long events, StackCpu broker) throws InterruptedException {
        // the API timeout may not be below the request timeout, whose default is 30 s
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000"))) {
            int partitions = createTopic(admin);
            try {
                return measure(events, partitions, broker);
            } finally {
                admin.deleteTopics(List.of(TOPIC));
            }
        }
    }

    private Result measure(long events, int partitions, StackCpu broker) throws InterruptedException {
        List<TopicPartition> assigned = IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(TOPIC, partition)).toList();
        try (KafkaConsumer<String, byte[]> consumer = consumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            // assigned, not subscribed: no group rebalance inside the measured time
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            assigned.forEach(consumer::position);
            // the producer's first metadata fetch is start-up, not throughput
            producer.partitionsFor(TOPIC);
            ProducerRecord<String, byte[]> event = record(UUID.randomUUID().toString());
            long consumed = 0;
            AtomicLong acked = new AtomicLong();
            AtomicReference<Exception> failure = new AtomicReference<>();
            if (broker != null) {
                broker.start();
            }
            long start = System.nanoTime();
            for (long i = 0; i < events; i++) {
                // one signup's four events share a key, as the saga's share the operation id
                if (i > 0 && i % Results.KAFKA_EVENTS_PER_SIGNUP == 0) {
                    event = record(UUID.randomUUID().toString());
                }
                producer.send(event, (metadata, exception) -> {
                    if (exception == null) {
                        acked.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, exception);
                    }
                });
                // consuming alongside producing, as the saga does, instead of after it
                if (i % 1000 == 999) {
                    consumed += count(consumer, Duration.ZERO);
                }
            }
            producer.flush();
            long lastProgress = System.nanoTime();
            while (consumed < events && System.nanoTime() - lastProgress < STALL_TIMEOUT.toNanos()) {
                long got = count(consumer, Duration.ofMillis(100));
                if (got > 0) {
                    consumed += got;
                    lastProgress = System.nanoTime();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            StackCpu.Usage brokerUsage = broker == null ? null : broker.stop();
            if (failure.get() != null && acked.get() == 0) {
                throw new Failure(bootstrapServers + " took no event: "
                        + failure.get().getMessage(), failure.get());
            }
            return new Result(events, acked.get(), consumed, seconds, size(event), brokerUsage);
        }
    }

    private static long count(KafkaConsumer<String, byte[]> consumer, Duration timeout) {
        return consumer.poll(timeout).count();
    }

    /**
     * A real Baton record: binary content mode (ce_* headers), and the data of user.create.completed, the saga's
     * largest event (about 200 bytes), with a name and e-mail as long as the benchmark's signups have.
     */
    static ProducerRecord<String, byte[]> record(String operationId) {
        String data = "{\"operationId\":\"" + operationId + "\",\"user\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"name\":\"bench-mx54xwgu7m-1234\",\"email\":\"bench-mx54xwgu7m-1234@example.com\","
                + "\"state\":\"APPROVED\",\"createdAt\":\"" + Instant.now() + "\"}}";
        return EventPublisher.toRecord(TOPIC, operationId, CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(BatonEventType.USER_CREATE_COMPLETED.type())
                .withSource(BatonFunction.USER.source())
                .withSubject(operationId)
                .withExtension(EventCodec.PARTITION_KEY, operationId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType(EventCodec.JSON)
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build());
    }

    /** Key, value and headers, without Kafka's own framing. */
    static int size(ProducerRecord<String, byte[]> record) {
        int bytes = record.key().getBytes(StandardCharsets.UTF_8).length + record.value().length;
        for (Header header : record.headers()) {
            bytes += header.key().getBytes(StandardCharsets.UTF_8).length + header.value().length;
        }
        return bytes;
    }

    private int createTopic(Admin admin) throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get();
            int partitions = DEFAULT_PARTITIONS;
            String sagaTopic = BatonEventType.USER_CREATE_REQUESTED.topic().topicName();
            if (existing.contains(sagaTopic)) {
                partitions = admin.describeTopics(List.of(sagaTopic)).allTopicNames().get()
                        .get(sagaTopic).partitions().size();
            }
            if (existing.contains(TOPIC)) {
                // left over from an interrupted run: start empty, so only this run's events are counted
                admin.deleteTopics(List.of(TOPIC)).all().get();
                awaitGone(admin);
            }
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return partitions;
        } catch (ExecutionException e) {
            throw new Failure(bootstrapServers + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static void awaitGone(Admin admin) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (admin.listTopics().names().get().contains(TOPIC) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "baton-bench-baseline",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "baton-bench-baseline",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
