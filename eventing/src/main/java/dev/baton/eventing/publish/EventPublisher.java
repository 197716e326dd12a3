package dev.baton.eventing.publish;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.function.PublishedEvent;
import dev.baton.eventing.telemetry.EventMetrics;
import dev.baton.eventing.telemetry.EventTracing;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes CloudEvents to Kafka in binary content mode (ce_* headers), keyed by the operation id, and
 * waits for the broker's acknowledgement: a handler reports success only once its output is durable.
 * The producer's settings are {@code kafka.producers.baton.*} (application.yml): acks, idempotence,
 * linger and the timeouts that bound a publish.
 * Each acknowledged event is counted and its send-to-ack time recorded; with tracing on, each send is
 * a span whose context the event carries on to the function that handles it.
 */
@Singleton
public class EventPublisher {
    public static final String PRODUCER = "baton";
    /** How long one send may block for metadata or buffer space: {@code kafka.producers.baton.max.block.ms}. */
    public static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    /** Kafka errors that no retry can fix: the event is rejected, not retried. */
    private static final List<Class<? extends Throwable>> PERMANENT = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidTopicException.class, SerializationException.class, InvalidRecordException.class);

    private final Producer<String, byte[]> producer;
    private final PublisherConfig config;
    private final EventMetrics metrics;
    private final EventTracing tracing;

    public EventPublisher(@KafkaClient(id = PRODUCER) Producer<String, byte[]> producer, PublisherConfig config,
            EventMetrics metrics, EventTracing tracing) {
        this.producer = producer;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    public PublishedEvent publish(CloudEvent event) {
        return publishAll(List.of(event)).get(0);
    }

    /**
     * Sends all events, then waits for every acknowledgement within one ack timeout in all. A failure
     * Kafka calls permanent is a {@link PermanentPublishException}; any other is a retryable {@link PublishException}.
     */
    public List<PublishedEvent> publishAll(List<CloudEvent> events) {
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        List<PublishedEvent> published = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            BatonEventType type = typeOf(event);
            String topic = type.topic().topicName();
            Future<RecordMetadata> send = send(type, event);
            if (send.isDone()) {
                // A send that failed at once (it blocked max.block.ms, or the record is too large) ends
                // the publish here, so the next send cannot block again.
                await(send, deadline);
            }
            sends.add(send);
            published.add(new PublishedEvent(event.getId(), event.getType(), topic));
        }
        for (Future<RecordMetadata> send : sends) {
            await(send, deadline);
        }
        return published;
    }

    /** Sends a record as it is (used for dead letters), waiting for the acknowledgement. */
    public void publishRecord(ProducerRecord<String, byte[]> record) {
        await(producer.send(record), System.nanoTime() + config.ackTimeout().toNanos());
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, String key, CloudEvent event) {
        return KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event);
    }

    private Future<RecordMetadata> send(BatonEventType type, CloudEvent event) {
        Object partitionKey = event.getExtension(EventCodec.PARTITION_KEY);
        String key = partitionKey == null ? event.getSubject() : partitionKey.toString();
        EventMetrics.Publishing meters = metrics.publishing(type);
        Span span = tracing.on() ? tracing.startSend(event, type) : null;
        ProducerRecord<String, byte[]> record;
        if (span == null) {
            record = toRecord(type.topic().topicName(), key, event);
        } else {
            Map<String, String> context = tracing.contextOf(span);
            record = toRecord(type.topic().topicName(), key, EventTracing.withContext(event, context));
            EventTracing.addHeaders(record, context);
        }
        long sent = System.nanoTime();
        try {
            return producer.send(record, (metadata, error) -> {
                if (error == null) {
                    meters.acknowledged(System.nanoTime() - sent);
                }
                if (span != null) {
                    ended(span, error);
                }
            });
        } catch (RuntimeException e) {
            if (span != null) {
                ended(span, e);
            }
            throw e;
        }
    }

    private static void ended(Span span, Throwable error) {
        if (error != null) {
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        }
        span.end();
    }

    private static BatonEventType typeOf(CloudEvent event) {
        return BatonEventType.of(event.getType())
                .orElseThrow(() -> new IllegalArgumentException("not a Baton event type: " + event.getType()));
    }

    private void await(Future<RecordMetadata> send, long deadline) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            if (permanent(e.getCause())) {
                throw new PermanentPublishException("Kafka refused the event for good: " + e.getCause());
            }
            throw new PublishException("Kafka did not accept the event: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge the event within " + config.ackTimeout(), e);
        }
    }

    static boolean permanent(Throwable error) {
        return PERMANENT.stream().anyMatch(type -> type.isInstance(error));
    }
}
