package dev.baton.operation.legacy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import dev.baton.eventing.contract.Databases;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.operation.Operation;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The original demo's routes and JSON shape, for its existing clients: create, get, completion, unknown names. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyRoutesTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    MongoClient mongo;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties("baton.local-delivery.enabled", "true");
    }

    @Test
    void createReturnsThePendingOperationInTheDemoShape() {
        HttpResponse<String> response = post("/operation/create/user-create", "{\"name\": \"hans\"}");

        assertEquals(200, response.code());
        Map<String, Object> body = map(response.body());
        String uuid = (String) body.get("uuid");
        assertNotNull(uuid);
        UUID.fromString(uuid);
        assertEquals(Map.of(
                "uuid", uuid,
                "type", "user-create",
                "state", "pending",
                "data", Map.of("name", "hans"),
                "response", Map.of("state", "pending")), body);
    }

    /**
     * This context is started from another package than the entity's: the operation must still be
     * stored under its own id (micronaut-data's codec), not as a record with a generated ObjectId.
     */
    @Test
    void createdOperationIsStoredUnderItsUuid() {
        String uuid = (String) map(post("/operation/create/user-create", "{\"name\": \"hans\"}").body()).get("uuid");

        Document stored = mongo.getDatabase(Databases.OPERATION).getCollection(Operation.COLLECTION).find(Filters.eq("_id", uuid)).first();

        assertNotNull(stored, "no document with _id " + uuid);
        assertFalse(stored.containsKey("id"), stored.toJson());
        assertEquals("PENDING", stored.get("state"));
    }

    @Test
    void createPublishesTheSignupRequest() throws IOException {
        try (TopicProbe requests = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_CREATE.topicName())) {
            String uuid = (String) map(post("/operation/create/user-create", "{\"name\": \"hans\"}").body()).get("uuid");

            CloudEvent requested = requests.awaitOne(e -> uuid.equals(e.getSubject()));

            Map<String, Object> data = json.readValue(requested.getData().toBytes(), Argument.mapOf(String.class, Object.class));
            assertEquals("hans", data.get("name"));
            assertEquals(uuid, data.get("operationId"));
            assertEquals(null, data.get("email"), "the demo's clients send no e-mail");
        }
    }

    @Test
    void getReturnsTheSameShapeAndCompletesAfterTheCompletionEvent() {
        String uuid = (String) map(post("/operation/create/user-create", "{\"name\": \"hans\"}").body()).get("uuid");
        Map<String, Object> pending = map(get("/operation/get/" + uuid).body());
        assertEquals(Map.of("uuid", uuid, "type", "user-create", "state", "pending", "data", Map.of("name", "hans"),
                "response", Map.of("state", "pending")), pending);

        TopicProbe.publish(SharedServers.kafkaBootstrapServers(), Topic.USER_CREATE_RESPONSE.topicName(), Fixtures.userCreateCompleted(uuid));

        Map<String, Object> completed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> map(get("/operation/get/" + uuid).body()), body -> "completed".equals(body.get("state")));
        assertEquals(uuid, completed.get("uuid"));
        assertEquals("user-create", completed.get("type"));
        assertEquals(Map.of("name", "hans"), completed.get("data"));
        assertFalse(completed.containsKey("error"));
        Map<?, ?> response = (Map<?, ?>) completed.get("response");
        assertEquals("completed", response.get("state"));
        assertEquals(EventIds.userIdFor(uuid), ((Map<?, ?>) response.get("user")).get("id"));
    }

    @Test
    void failedOperationShowsItsErrorAsText() {
        String uuid = (String) map(post("/operation/create/user-create", "{\"name\": \"hans\"}").body()).get("uuid");

        TopicProbe.publish(SharedServers.kafkaBootstrapServers(), Topic.USER_CREATE_RESPONSE.topicName(), Fixtures.userCreateFailed(uuid));

        Map<String, Object> failed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> map(get("/operation/get/" + uuid).body()), body -> "failed".equals(body.get("state")));
        assertEquals("APPROVAL_REJECTED: e-mail domain blocked.example is blocked", failed.get("error"));
        assertEquals(Map.of("state", "failed"), failed.get("response"));
    }

    @Test
    void unknownOperationNameFailsWithOperationNotAllowed() {
        HttpResponse<String> response = post("/operation/create/user-delete", "{\"name\": \"hans\"}");

        assertEquals(200, response.code());
        Map<String, Object> body = map(response.body());
        assertEquals("failed", body.get("state"));
        assertEquals("operation not allowed", body.get("error"));
        assertEquals("user-delete", body.get("type"));
        assertEquals(Map.of("name", "hans"), body.get("data"));
        String uuid = (String) body.get("uuid");
        assertEquals(404, getStatus("/operation/get/" + uuid), "nothing is recorded for an operation that is not allowed");
    }

    @Test
    void unknownUuidIs404WithAnEmptyObject() {
        HttpClientResponseException notFound = notFound("/operation/get/" + UUID.randomUUID());

        assertEquals(404, notFound.getStatus().getCode());
        assertEquals("{}", notFound.getResponse().getBody(String.class).orElse("").trim());
    }

    @Test
    void invalidNameIs400Problem() {
        for (String body : new String[] {"{}", "{\"name\": \"\"}", "{\"name\": 42}", "{\"name\": \"" + "x".repeat(101) + "\"}"}) {
            HttpClientResponseException error = assertThrowsResponse(() -> post("/operation/create/user-create", body));

            assertEquals(400, error.getStatus().getCode(), body);
            assertTrue(error.getResponse().getContentType().map(MediaType::toString).orElse("").startsWith("application/problem+json"), body);
            String problem = error.getResponse().getBody(String.class).orElse("");
            assertTrue(problem.contains("name"), body + " -> " + problem);
        }
    }

    private HttpResponse<String> post(String uri, String body) {
        return client.toBlocking().exchange(HttpRequest.POST(uri, body.getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE), Argument.of(String.class), Argument.of(String.class));
    }

    private HttpResponse<String> get(String uri) {
        return client.toBlocking().exchange(HttpRequest.GET(uri), Argument.of(String.class), Argument.of(String.class));
    }

    private int getStatus(String uri) {
        try {
            return get(uri).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private HttpClientResponseException notFound(String uri) {
        return assertThrowsResponse(() -> get(uri));
    }

    private static HttpClientResponseException assertThrowsResponse(Runnable call) {
        try {
            call.run();
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error response");
    }

    private Map<String, Object> map(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
