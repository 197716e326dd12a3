package dev.baton.operation;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.baton.operation.TestHttp.PROBLEM_BASE;
import static dev.baton.operation.TestHttp.signupJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /users}: an accepted signup is recorded and its request published; anything invalid is a 4xx problem. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignupApiTest extends OperationApiTest {

    @Inject
    OperationConfig config;

    @Test
    void acceptedSignupIsPendingAndItsRequestIsPublished() throws Exception {
        String name = "Grace Hopper " + UUID.randomUUID();
        try (TopicProbe requests = TopicProbe.from(TestHttp.bootstrap(), Topic.USER_CREATE.topicName())) {
            Reply reply = post(signupJson(name, "grace@example.com"));

            assertEquals(202, reply.status(), reply.body());
            Map<String, Object> body = reply.map();
            String id = (String) body.get("id");
            assertNotNull(id);
            assertEquals("/operations/" + id, reply.location());
            assertEquals("PENDING", body.get("state"));
            assertEquals(false, body.get("done"));
            assertEquals("user.create", body.get("type"));
            assertNull(body.get("result"));
            assertNull(body.get("error"));
            assertEquals(Map.of("name", name, "email", "grace@example.com"), TestHttp.object(body, "request"));

            String expectedId = EventIds.derive(id, BatonEventType.USER_CREATE_REQUESTED);
            CloudEvent requested = requests.awaitOne(e -> e.getId().equals(expectedId));
            assertEquals(BatonEventType.USER_CREATE_REQUESTED.type(), requested.getType());
            assertEquals("/baton/operation", requested.getSource().toString());
            assertEquals(id, requested.getSubject());
            assertEquals(id, requested.getExtension("partitionkey"));
            Map<String, Object> data = json.readValue(requested.getData().toBytes(), Argument.mapOf(String.class, Object.class));
            // With the rest of the operation as recorded (no Idempotency-Key was sent), so its view can be rebuilt from the event.
            String createdAt = (String) body.get("createdAt");
            assertEquals(Map.of("operationId", id, "name", name, "email", "grace@example.com", "createdAt", createdAt,
                    "deadline", Instant.parse(createdAt).plus(config.timeout()).toString()), data);
            ConsumerRecord<String, byte[]> record = requests.records().stream()
                    .filter(r -> expectedId.equals(header(r, "ce_id"))).findFirst().orElseThrow();
            assertEquals(id, record.key(), "the Kafka record key is the operation id");
        }
    }

    @Test
    void nameIsTrimmed() {
        Reply reply = post("{\"name\":\"  Alan Turing  \",\"email\":\"alan@example.com\"}");

        assertEquals(202, reply.status(), reply.body());
        assertEquals(Map.of("name", "Alan Turing", "email", "alan@example.com"), TestHttp.object(reply.map(), "request"));
    }

    @Test
    void spacesAroundTheEmailAndALongNameAreTrimmedBeforeValidation() {
        String name = "t".repeat(100);
        Reply reply = post("{\"name\":\"  " + name + "  \",\"email\":\"  trimmed@example.com  \"}");

        assertEquals(202, reply.status(), reply.body());
        assertEquals(Map.of("name", name, "email", "trimmed@example.com"), TestHttp.object(reply.map(), "request"));
    }

    @Test
    void missingNameIsAProblemNamingTheField() {
        Reply reply = post("{\"email\":\"missing-name@example.com\"}");

        Map<String, Object> problem = reply.problem(400, PROBLEM_BASE + "invalid-request");
        assertEquals("/users", problem.get("instance"));
        assertEquals(List.of("name"), reply.errorFields());
        assertTrue(((String) problem.get("detail")).contains("name"), reply.body());
    }

    @Test
    void blankNameIsAProblemNamingTheField() {
        Reply reply = post(signupJson("   ", "blank-name@example.com"));

        reply.problem(400, PROBLEM_BASE + "invalid-request");
        assertEquals(List.of("name"), reply.errorFields());
    }

    @Test
    void nameOf101CharactersIsAProblemNamingTheField() {
        Reply reply = post(signupJson("n".repeat(101), "long-name@example.com"));

        reply.problem(400, PROBLEM_BASE + "invalid-request");
        assertEquals(List.of("name"), reply.errorFields());
    }

    @Test
    void nameOf100CharactersIsAccepted() {
        Reply reply = post(signupJson("m".repeat(100), "hundred@example.com"));

        assertEquals(202, reply.status(), reply.body());
    }

    @Test
    void emailThatIsNotAnAddressIsAProblemNamingTheField() {
        Reply reply = post(signupJson("Bad Mail", "not-an-email"));

        reply.problem(400, PROBLEM_BASE + "invalid-request");
        assertTrue(reply.errorFields().stream().allMatch("email"::equals), reply.body());
        assertTrue(reply.errorFields().contains("email"), reply.body());
    }

    @Test
    void emailWithoutADomainIsAProblemNamingTheField() {
        Reply reply = post(signupJson("No Domain", "a@b"));

        reply.problem(400, PROBLEM_BASE + "invalid-request");
        assertEquals(List.of("email"), reply.errorFields());
    }

    @Test
    void missingEmailIsAProblemNamingTheField() {
        Reply reply = post("{\"name\":\"No Mail\"}");

        reply.problem(400, PROBLEM_BASE + "invalid-request");
        assertEquals(List.of("email"), reply.errorFields());
    }

    @Test
    void malformedJsonIsAProblem() {
        Reply reply = post("{\"name\": \"Broken\", \"email\": ");

        Map<String, Object> problem = reply.problem(400, "about:blank");
        assertEquals("/users", problem.get("instance"));
        assertTrue(((String) problem.get("detail")).contains("JSON"), reply.body());
    }

    @Test
    void missingBodyIsAProblem() {
        Reply reply = exchange(HttpRequest.create(HttpMethod.POST, "/users").contentType(MediaType.APPLICATION_JSON_TYPE));

        Map<String, Object> problem = reply.problem(400, "about:blank");
        assertTrue(((String) problem.get("detail")).contains("Body"), reply.body());
    }

    @Test
    void bodyOverOneMegabyteIsRejectedAs413Problem() {
        byte[] padding = new byte[1_100_000];
        Arrays.fill(padding, (byte) 'x');
        String body = "{\"name\":\"" + new String(padding, StandardCharsets.US_ASCII) + "\",\"email\":\"big@example.com\"}";

        Reply reply = post(body);

        Map<String, Object> problem = reply.problem(413, "about:blank");
        assertTrue(((String) problem.get("detail")).contains("1048576"), "names the 1MB limit: " + reply.body());
    }

    @Test
    void idempotencyKeyLongerThan255CharactersIsAProblem() {
        Reply reply = exchange(HttpRequest.POST("/users", signupJson("Long Key", "long-key@example.com").getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Idempotency-Key", "k".repeat(256)));

        reply.problem(400, PROBLEM_BASE + "invalid-request");
    }

    private Reply post(String body) {
        return exchange(HttpRequest.POST("/users", body.getBytes(StandardCharsets.UTF_8)).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
