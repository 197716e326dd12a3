package dev.baton.testkit;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.BatonPayload;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.function.RejectedEventException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every fixture event survives Kafka and HTTP in binary and structured mode, and its data decodes to its payload. */
@MicronautTest(startApplication = false)
class ContractRoundTripTest {

    @Inject
    EventCodec codec;

    static List<CloudEvent> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void kafkaBinaryMode(CloudEvent event) {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter("t", event.getSubject()).writeBinary(event);
        assertNotNull(record.headers().lastHeader("ce_id"), "binary mode puts attributes in ce_ headers");
        assertEquals(event, KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void kafkaStructuredMode(CloudEvent event) {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter("t", event.getSubject())
                .writeStructured(event, JsonFormat.CONTENT_TYPE);
        assertSameEvent(event, KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void httpBinaryMode(CloudEvent event) {
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpMessageFactory.createWriter(headers::put, body::writeBytes).writeBinary(event);
        assertEquals(event.getId(), headers.get("ce-id"));
        assertEquals(event, read(headers, body.toByteArray()));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void httpStructuredMode(CloudEvent event) {
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpMessageFactory.createWriter(headers::put, body::writeBytes).writeStructured(event, JsonFormat.CONTENT_TYPE);
        assertEquals(JsonFormat.CONTENT_TYPE, headers.get("Content-Type"));
        assertSameEvent(event, read(headers, body.toByteArray()));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void dataDecodesToThePayloadOfItsType(CloudEvent event) {
        BatonEventType type = BatonEventType.of(event.getType()).orElseThrow();
        BatonPayload payload = codec.decode(event, type.payloadType());
        assertEquals(event.getSubject(), payload.operationId());
    }

    @Test
    void encodeThenDecodeKeepsThePayloadAndKeysTheEventByOperation() {
        UserCreateRequested payload = new UserCreateRequested("op-1", "Ada", "ada@example.com");
        String id = EventIds.derive("op-1", BatonEventType.USER_CREATE_REQUESTED);
        CloudEvent event = codec.encode(BatonEventType.USER_CREATE_REQUESTED, id, payload, BatonFunction.OPERATION);
        assertEquals("op-1", event.getSubject());
        assertEquals("op-1", event.getExtension(EventCodec.PARTITION_KEY));
        assertEquals("/baton/operation", event.getSource().toString());
        assertEquals(payload, codec.decode(event, UserCreateRequested.class));
    }

    @Test
    void badDataIsRejectedNotRetried() {
        assertThrows(RejectedEventException.class,
                () -> codec.decode(Fixtures.malformedData(BatonEventType.USER_CREATE_REQUESTED), UserCreateRequested.class));
        RejectedEventException missing = assertThrows(RejectedEventException.class,
                () -> codec.decode(Fixtures.invalidData(BatonEventType.USER_CREATE_REQUESTED), UserCreateRequested.class));
        assertEquals(true, missing.getMessage().contains("name"), missing.getMessage());
    }

    /** Structured mode parses data into a JSON tree, so compare attributes, extensions and the data's JSON text. */
    private static void assertSameEvent(CloudEvent expected, CloudEvent actual) {
        assertEquals(CloudEventBuilder.from(expected).withoutData().build(), CloudEventBuilder.from(actual).withoutData().build());
        assertEquals(new String(expected.getData().toBytes(), StandardCharsets.UTF_8),
                new String(actual.getData().toBytes(), StandardCharsets.UTF_8));
    }

    private static CloudEvent read(Map<String, String> headers, byte[] body) {
        MessageReader reader = HttpMessageFactory.createReader(headers, body);
        return reader.toEvent();
    }
}
