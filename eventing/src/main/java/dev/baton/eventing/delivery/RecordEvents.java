package dev.baton.eventing.delivery;

import dev.baton.eventing.contract.BatonFunction;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Turns a Kafka record into the CloudEvent a KafkaSource would POST: a record that is a CloudEvent
 * keeps its attributes; any other record is wrapped as {@code dev.knative.kafka.event} with the id
 * {@code partition:N/offset:M}. Both get the {@code knativekafkapartition}/{@code knativekafkaoffset} extensions.
 */
public final class RecordEvents {
    /** The type the KafkaSource gives a record that is not a CloudEvent; deploy-check routes its dead letters by it. */
    public static final String KAFKA_EVENT_TYPE = "dev.knative.kafka.event";

    private RecordEvents() {
    }

    public static CloudEvent toEvent(ConsumerRecord<String, byte[]> record, BatonFunction function, String namespace) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            // Not a CloudEvent, or a broken one: deliver it the way a KafkaSource would, so it is dead-lettered, not stuck.
            event = wrap(record, function, namespace);
        }
        return CloudEventBuilder.from(event)
                .withExtension("knativekafkapartition", record.partition())
                .withExtension("knativekafkaoffset", record.offset())
                .build();
    }

    /** The source of a wrapped record, as the dispatcher writes it: the KafkaSource and the topic. */
    public static String kafkaSourceSource(String namespace, String kafkaSource, String topic) {
        return "/apis/v1/namespaces/" + namespace + "/kafkasources/" + kafkaSource + "#" + topic;
    }

    /** As the dispatcher wraps it: its source names the KafkaSource in the namespace the manifests deploy to. */
    static CloudEvent wrap(ConsumerRecord<String, byte[]> record, BatonFunction function, String namespace) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId("partition:" + record.partition() + "/offset:" + record.offset())
                .withType(KAFKA_EVENT_TYPE)
                .withSource(URI.create(kafkaSourceSource(namespace, function.serviceName(), record.topic())))
                .withSubject("partition:" + record.partition() + "#" + record.offset())
                .withTime(Instant.ofEpochMilli(Math.max(record.timestamp(), 0)).atOffset(ZoneOffset.UTC));
        if (record.key() != null) {
            builder.withExtension("key", record.key());
            builder.withExtension("partitionkey", record.key());
        }
        if (record.value() != null) {
            builder.withData(record.value());
        }
        return builder.build();
    }
}
