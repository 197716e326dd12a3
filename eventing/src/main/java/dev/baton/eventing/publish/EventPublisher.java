package dev.baton.eventing.publish;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.function.PublishedEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes CloudEvents to Kafka in binary content mode (ce_* headers), keyed by the operation id, and
 * waits for the broker's acknowledgement: a handler reports success only once its output is durable.
 */
@Singleton
public class EventPublisher {
    private final Producer<String, byte[]> producer;
    private final PublisherConfig config;

    public EventPublisher(
            @KafkaClient(id = "baton", acks = KafkaClient.Acknowledge.ALL, properties = {
                    @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"),
                    // Handlers wait for their acks concurrently, so a few ms of linger batches many of them into
                    // one produce request, which is what the broker's cost is counted in.
                    @Property(name = ProducerConfig.LINGER_MS_CONFIG, value = "5"),
                    @Property(name = ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, value = "15000"),
                    @Property(name = ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, value = "10000"),
                    @Property(name = ProducerConfig.MAX_BLOCK_MS_CONFIG, value = "10000")
            }) Producer<String, byte[]> producer,
            PublisherConfig config) {
        this.producer = producer;
        this.config = config;
    }

    public PublishedEvent publish(CloudEvent event) {
        return publishAll(List.of(event)).get(0);
    }

    /** Sends all events, then waits for every acknowledgement; any failure is thrown as retryable. */
    public List<PublishedEvent> publishAll(List<CloudEvent> events) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        List<PublishedEvent> published = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            String topic = topicOf(event);
            sends.add(send(topic, event));
            published.add(new PublishedEvent(event.getId(), event.getType(), topic));
        }
        for (Future<RecordMetadata> send : sends) {
            await(send);
        }
        return published;
    }

    /** Sends a record as it is (used for dead letters), waiting for the acknowledgement. */
    public void publishRecord(ProducerRecord<String, byte[]> record) {
        await(producer.send(record));
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, String key, CloudEvent event) {
        return KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event);
    }

    private Future<RecordMetadata> send(String topic, CloudEvent event) {
        Object key = event.getExtension(EventCodec.PARTITION_KEY);
        return producer.send(toRecord(topic, key == null ? event.getSubject() : key.toString(), event));
    }

    private String topicOf(CloudEvent event) {
        return BatonEventType.of(event.getType())
                .orElseThrow(() -> new IllegalArgumentException("not a Baton event type: " + event.getType()))
                .topic().topicName();
    }

    private void await(Future<RecordMetadata> send) {
        try {
            send.get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new PublishException("Kafka did not accept the event: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge the event within " + config.ackTimeout(), e);
        }
    }

}
