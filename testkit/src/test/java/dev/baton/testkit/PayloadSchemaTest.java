package dev.baton.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.BatonPayload;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.contract.payload.UserView;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented JSON Schemas in docs/schemas agree with the payloads in code and the shared fixtures. */
@MicronautTest(startApplication = false)
class PayloadSchemaTest {
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventCodec codec;

    static List<CloudEvent> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest
    @EnumSource(BatonEventType.class)
    void everyEventTypeHasASchema(BatonEventType type) {
        assertTrue(Files.isRegularFile(schemaFile(type)), "missing " + schemaFile(type));
    }

    @Test
    void everyEventTypeHasAFixture() {
        Set<BatonEventType> covered = fixtures().stream().map(e -> BatonEventType.of(e.getType()).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BatonEventType.class)));
        assertEquals(EnumSet.allOf(BatonEventType.class), covered, "Fixtures.all() must hold an event of every type");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureMatchesItsSchema(CloudEvent event) throws IOException {
        BatonEventType type = BatonEventType.of(event.getType()).orElseThrow();
        assertEquals(Set.of(), schema(type).validate(JSON.readTree(event.getData().toBytes())));
    }

    @Test
    void whatTheCodecWritesMatchesTheSchema() throws IOException {
        CloudEvent event = codec.encode(BatonEventType.USER_CREATE_FAILED, "id-1",
                new UserCreateFailed("op-1", new ErrorInfo("APPROVAL_REJECTED", "blocked")), BatonFunction.USER);
        assertEquals(Set.of(), schema(BatonEventType.USER_CREATE_FAILED).validate(JSON.readTree(event.getData().toBytes())));
    }

    /** Every field of every payload, as the codec writes it, is in its schema (which admits no other). */
    @Test
    void payloadsWithEveryFieldSetMatchTheSchemas() throws IOException {
        Instant t = Instant.parse("2026-11-21T12:00:00.123Z");
        UserView approved = new UserView("u-1", "Ada", "ada@example.com", "APPROVED", t);
        UserView rejected = new UserView("u-1", "Ada", "ada@blocked.example", "REJECTED", t);
        Map<BatonEventType, BatonPayload> payloads = Map.of(
                BatonEventType.USER_CREATE_REQUESTED, new UserCreateRequested("op-1", "Ada", "ada@example.com", "key-1", t, t.plusSeconds(300)),
                BatonEventType.USER_APPROVAL_REQUESTED, new ApprovalRequested("op-1", "u-1", "Ada", "ada@example.com", t),
                BatonEventType.USER_CREATE_COMPLETED, new UserCreateCompleted("op-1", approved, "fine", "dec-1", t.plusMillis(5)),
                BatonEventType.USER_CREATE_FAILED, new UserCreateFailed("op-1", new ErrorInfo("APPROVAL_REJECTED", "blocked"), rejected,
                        "dec-1", t.plusMillis(5)));
        for (Map.Entry<BatonEventType, BatonPayload> payload : payloads.entrySet()) {
            CloudEvent event = codec.encode(payload.getKey(), "id-1", payload.getValue(), BatonFunction.USER);
            JsonNode data = JSON.readTree(event.getData().toBytes());
            assertEquals(Set.of(), schema(payload.getKey()).validate(data), payload.getKey() + ": " + data);
            assertEquals(payload.getValue(), codec.decode(event, payload.getKey().payloadType()), "round trip of " + payload.getKey());
        }
    }

    @Test
    void theSchemasBite() throws IOException {
        JsonNode missingName = JSON.readTree("{\"operationId\":\"op-1\",\"email\":\"a@example.com\"}");
        Set<ValidationMessage> errors = schema(BatonEventType.USER_CREATE_REQUESTED).validate(missingName);
        assertFalse(errors.isEmpty());
        JsonNode badDecision = JSON.readTree("{\"operationId\":\"o\",\"userId\":\"u\",\"decision\":\"MAYBE\",\"reason\":\"r\"}");
        assertFalse(schema(BatonEventType.USER_APPROVAL_DECIDED).validate(badDecision).isEmpty());
    }

    /**
     * Each schema says what the payload record validates, field by field: the same properties, the
     * same required fields (@NotNull / @NotBlank), minLength 1 for @NotBlank and maxLength for @Size,
     * nested records included. The schemas are written by hand; this keeps them from drifting.
     */
    @ParameterizedTest
    @EnumSource(BatonEventType.class)
    void everySchemaSaysWhatThePayloadValidates(BatonEventType type) throws IOException {
        List<String> problems = new ArrayList<>();
        compare(type.payloadType(), JSON.readTree(Files.readString(schemaFile(type))), type.type(), problems);
        assertEquals(List.of(), problems);
    }

    private static void compare(Class<?> record, JsonNode schema, String path, List<String> problems) {
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        Set<String> components = new TreeSet<>();
        Set<String> mandatory = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            String at = path + "." + name;
            components.add(name);
            JsonNode property = schema.path("properties").path(name);
            boolean notBlank = annotation(component, NotBlank.class) != null;
            Size size = annotation(component, Size.class);
            if (notBlank || annotation(component, NotNull.class) != null) {
                mandatory.add(name);
            }
            if (notBlank && property.path("minLength").asInt(0) != 1) {
                problems.add(at + ": @NotBlank, but the schema has no minLength 1");
            }
            Integer max = size == null ? null : size.max();
            Integer schemaMax = property.has("maxLength") ? property.get("maxLength").asInt() : null;
            if (!Objects.equals(max, schemaMax)) {
                problems.add(at + ": the code allows at most " + (max == null ? "any length" : max + " characters")
                        + ", the schema " + (schemaMax == null ? "any length" : schemaMax));
            }
            if (component.getType().isRecord()) {
                compare(component.getType(), property, at, problems);
            }
        }
        if (!components.equals(properties)) {
            problems.add(path + ": the record has " + components + ", the schema " + properties);
        }
        if (!mandatory.equals(required)) {
            problems.add(path + ": the record requires " + mandatory + ", the schema " + required);
        }
    }

    private static <A extends Annotation> A annotation(RecordComponent component, Class<A> type) {
        A onComponent = component.getAnnotation(type);
        return onComponent != null ? onComponent : component.getAccessor().getAnnotation(type);
    }

    private static JsonSchema schema(BatonEventType type) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(schemaFile(type)));
    }

    private static Path schemaFile(BatonEventType type) {
        return SCHEMAS.resolve(type.type() + ".json");
    }
}
