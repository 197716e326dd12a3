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
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

    @Test
    void theSchemasBite() throws IOException {
        JsonNode missingName = JSON.readTree("{\"operationId\":\"op-1\",\"email\":\"a@example.com\"}");
        Set<ValidationMessage> errors = schema(BatonEventType.USER_CREATE_REQUESTED).validate(missingName);
        assertFalse(errors.isEmpty());
        JsonNode badDecision = JSON.readTree("{\"operationId\":\"o\",\"userId\":\"u\",\"decision\":\"MAYBE\",\"reason\":\"r\"}");
        assertFalse(schema(BatonEventType.USER_APPROVAL_DECIDED).validate(badDecision).isEmpty());
    }

    private static JsonSchema schema(BatonEventType type) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(schemaFile(type)));
    }

    private static Path schemaFile(BatonEventType type) {
        return SCHEMAS.resolve(type.type() + ".json");
    }
}
