package dev.baton.local.replay;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonPayload;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.serde.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A record read back as the Baton event it holds, with its payload decoded by the same serde the functions
 * use (the contract's records, so a renamed field breaks this at compile time, not a rebuild at run time).
 */
record EventData(ConsumerRecord<String, byte[]> record, CloudEvent event, BatonEventType type, BatonPayload payload) {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    /** The event, or empty when the record is not a Baton event of a known type with readable data. */
    static Optional<EventData> of(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Optional<BatonEventType> type = BatonEventType.of(event.getType());
        if (type.isEmpty() || event.getData() == null) {
            return Optional.empty();
        }
        try {
            BatonPayload payload = JSON.readValue(event.getData().toBytes(), type.get().payloadType());
            return payload == null || payload.operationId() == null ? Optional.empty()
                    : Optional.of(new EventData(record, event, type.get(), payload));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    <T extends BatonPayload> T payload(Class<T> type) {
        return type.cast(payload);
    }

    /** The CloudEvent's time, else the record's, to the millisecond as MongoDB keeps it: what an event without a time field is dated by. */
    Instant time() {
        Instant time = event.getTime() != null ? event.getTime().toInstant() : Instant.ofEpochMilli(record.timestamp());
        return time.truncatedTo(ChronoUnit.MILLIS);
    }

    String source() {
        return event.getSource() == null ? null : event.getSource().toString();
    }
}
