package dev.baton.eventing;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.BatonPayload;
import dev.baton.eventing.function.RejectedEventException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns Baton payloads into CloudEvents and back, validating what comes in. */
@Singleton
public class EventCodec {
    public static final String PARTITION_KEY = "partitionkey";
    public static final String JSON = "application/json";

    private final JsonMapper json;
    private final Validator validator;

    public EventCodec(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** A Baton event: the operation id is the subject, the partition key and (by the publisher) the Kafka record key. */
    public CloudEvent encode(BatonEventType type, String id, BatonPayload payload, BatonFunction source) {
        try {
            return CloudEventBuilder.v1()
                    .withId(id)
                    .withType(type.type())
                    .withSource(source.source())
                    .withSubject(payload.operationId())
                    .withExtension(PARTITION_KEY, payload.operationId())
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataContentType(JSON)
                    .withData(json.writeValueAsBytes(payload))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and validates the data of a Baton event; anything unreadable is rejected for good, never retried. */
    public <T extends BatonPayload> T decode(CloudEvent event, Class<T> payloadType) {
        if (event.getData() == null) {
            throw new RejectedEventException("event " + event.getId() + " of type " + event.getType() + " has no data");
        }
        String contentType = event.getDataContentType();
        if (contentType != null && !contentType.startsWith(JSON) && !contentType.contains("+json")) {
            throw new RejectedEventException("event " + event.getId() + " has datacontenttype " + contentType + ", expected " + JSON);
        }
        T payload;
        try {
            payload = json.readValue(event.getData().toBytes(), payloadType);
        } catch (IOException | RuntimeException e) {
            throw new RejectedEventException("event " + event.getId() + " of type " + event.getType()
                    + " has data that is not a valid " + payloadType.getSimpleName() + ": " + e.getMessage());
        }
        if (payload == null) {
            throw new RejectedEventException("event " + event.getId() + " has null data");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            String problems = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining(", "));
            throw new RejectedEventException("event " + event.getId() + " of type " + event.getType() + " has invalid data: " + problems);
        }
        return payload;
    }
}
