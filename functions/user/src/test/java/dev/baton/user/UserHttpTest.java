package dev.baton.user;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /} as Knative's KafkaSource calls it, in binary and structured mode, over real HTTP. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserHttpTest extends WatchesUserOutputs {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    UserRepository users;

    @Inject
    JsonMapper json;


    @Test
    void aBinaryModeEventIsHandledAndTheNextEventPublished() {
        CloudEvent request = Fixtures.userCreateRequested("op-http-binary", Fixtures.NAME, "http-binary@example.com");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_REQUESTED);

        HttpResponse<String> response = client.toBlocking().exchange(binary(request), String.class);

        assertEquals(200, response.code());
        assertTrue(response.body().contains(expectedId), response.body());
        CloudEvent ask = approvals.awaitOne(e -> e.getId().equals(expectedId));
        assertEquals("op-http-binary", ask.getSubject());
        assertEquals(UserState.PENDING_APPROVAL, users.findById(SignupSaga.userIdFor("op-http-binary")).orElseThrow().state());
    }

    @Test
    void aStructuredModeEventIsHandledAndTheNextEventPublished() {
        CloudEvent request = Fixtures.userCreateRequested("op-http-structured", Fixtures.NAME, "http-structured@example.com");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_REQUESTED);

        HttpResponse<String> response = client.toBlocking().exchange(structured(request), String.class);

        assertEquals(200, response.code());
        assertTrue(response.body().contains(expectedId), response.body());
        approvals.awaitOne(e -> e.getId().equals(expectedId));

        // The decision in structured mode too: the whole saga over HTTP.
        CloudEvent decided = Fixtures.approvalDecided("op-http-structured", SignupSaga.userIdFor("op-http-structured"), true);
        String completedId = EventIds.derive(decided.getId(), BatonEventType.USER_CREATE_COMPLETED);
        assertEquals(200, client.toBlocking().exchange(structured(decided), String.class).code());
        assertEquals(BatonEventType.USER_CREATE_COMPLETED.type(), results.awaitOne(e -> e.getId().equals(completedId)).getType());
        assertEquals(UserState.APPROVED, users.findById(SignupSaga.userIdFor("op-http-structured")).orElseThrow().state());
    }

    @Test
    void anEventShapedAsAKafkaSourceDeliversItIsHandled() {
        String op = "op-http-kafkasource";
        CloudEvent request = CloudEventBuilder.from(Fixtures.userCreateRequested(op, Fixtures.NAME, "http-kafkasource@example.com"))
                .withId("partition:1/offset:42")
                .withExtension("knativekafkapartition", 1)
                .withExtension("knativekafkaoffset", 42L)
                .build();
        String expectedId = EventIds.derive("partition:1/offset:42", BatonEventType.USER_APPROVAL_REQUESTED);

        MutableHttpRequest<byte[]> post = binary(request);
        assertEquals("1", post.getHeaders().get("ce-knativekafkapartition"));
        assertEquals("42", post.getHeaders().get("ce-knativekafkaoffset"));
        HttpResponse<String> response = client.toBlocking().exchange(post, String.class);

        assertEquals(200, response.code());
        CloudEvent ask = approvals.awaitOne(e -> e.getId().equals(expectedId));
        assertEquals(op, ask.getSubject());
        assertEquals(op, users.findById(SignupSaga.userIdFor(op)).orElseThrow().operationId());

        // The same record delivered again by the source: same id, still one user.
        assertEquals(200, client.toBlocking().exchange(binary(request), String.class).code());
        assertEquals(2, approvals.awaitCount(e -> e.getId().equals(expectedId), 2).size());
        assertEquals(1, users.findAll().stream().filter(u -> u.operationId().equals(op)).count());
    }

    @Test
    void malformedDataIsA400Problem() {
        Map<String, Object> problem = problem(binary(Fixtures.malformedData(BatonEventType.USER_CREATE_REQUESTED)));
        assertEquals("https://baton.dev/problems/rejected-event", problem.get("type"));
        assertTrue(problem.get("detail").toString().contains("not a valid UserCreateRequested"), problem.toString());

        Map<String, Object> invalid = problem(binary(Fixtures.invalidData(BatonEventType.USER_APPROVAL_DECIDED)));
        assertEquals("https://baton.dev/problems/rejected-event", invalid.get("type"));
    }

    /**
     * A structured-mode body that is not JSON, or lacks a required attribute, makes the JSON format throw
     * its own exception rather than the SDK's reader exceptions; it must still be a 400, which a KafkaSource
     * dead-letters at once, and not a 500 it would retry.
     */
    @Test
    void aStructuredModeBodyThatIsNotACloudEventIsA400Problem() {
        byte[] broken = "{\"specversion\":\"1.0\",\"id\":".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> notJson = problem(HttpRequest.POST("/", broken).header("Content-Type", JsonFormat.CONTENT_TYPE));
        assertEquals("https://baton.dev/problems/not-a-cloudevent", notJson.get("type"));

        byte[] noId = "{\"specversion\":\"1.0\",\"type\":\"dev.baton.user.create.requested\",\"source\":\"/x\"}"
                .getBytes(StandardCharsets.UTF_8);
        Map<String, Object> missing = problem(HttpRequest.POST("/", noId).header("Content-Type", JsonFormat.CONTENT_TYPE));
        assertEquals("https://baton.dev/problems/not-a-cloudevent", missing.get("type"));
    }

    @Test
    void aCloudEventWithoutItsRequiredIdIsA400Problem() {
        MutableHttpRequest<byte[]> noId = binary(Fixtures.userCreateRequested("op-http-no-id", Fixtures.NAME, "no-id@example.com"));
        noId.getHeaders().remove("ce-id");
        Map<String, Object> missing = problem(noId);
        assertEquals("https://baton.dev/problems/not-a-cloudevent", missing.get("type"));
        assertTrue(users.findById(SignupSaga.userIdFor("op-http-no-id")).isEmpty());
    }

    @Test
    void anUnknownTypeIsA400Problem() {
        Map<String, Object> problem = problem(binary(Fixtures.unknownType()));
        assertEquals("https://baton.dev/problems/rejected-event", problem.get("type"));
        assertTrue(problem.get("detail").toString().contains("unknown event type 'com.example.something.happened'"), problem.toString());
    }

    @Test
    void plainJsonThatIsNotACloudEventIsA400Problem() {
        byte[] body = Fixtures.userCreateRequested("op-http-plain", Fixtures.NAME, "plain@example.com").getData().toBytes();
        Map<String, Object> problem = problem(HttpRequest.POST("/", body).header("Content-Type", "application/json"));
        assertEquals("https://baton.dev/problems/not-a-cloudevent", problem.get("type"));
        assertEquals("Not a CloudEvent", problem.get("title"));
        assertTrue(users.findById(SignupSaga.userIdFor("op-http-plain")).isEmpty(), "nothing was created");
    }

    /** Posts, expects 400 with an RFC 9457 body, and returns the body's members. */
    private Map<String, Object> problem(MutableHttpRequest<byte[]> request) {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, String.class));
        assertEquals(400, error.getStatus().getCode());
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().toString());
        String body = error.getResponse().getBody(String.class).orElseThrow();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> members = json.readValue(body, Map.class);
            assertEquals(400, ((Number) members.get("status")).intValue(), body);
            return members;
        } catch (IOException e) {
            throw new AssertionError("not a JSON problem: " + body, e);
        }
    }

    /** Binary content mode: every attribute and extension as a ce-* header, the data as the body. */
    private static MutableHttpRequest<byte[]> binary(CloudEvent event) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST("/", event.getData().toBytes())
                .header("ce-specversion", event.getSpecVersion().toString())
                .header("ce-id", event.getId())
                .header("ce-type", event.getType())
                .header("ce-source", event.getSource().toString())
                .header("Content-Type", event.getDataContentType());
        if (event.getSubject() != null) {
            request.header("ce-subject", event.getSubject());
        }
        if (event.getTime() != null) {
            request.header("ce-time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.getTime()));
        }
        for (String name : event.getExtensionNames()) {
            request.header("ce-" + name, String.valueOf(event.getExtension(name)));
        }
        return request;
    }

    /** Structured content mode: the whole event as one application/cloudevents+json document. */
    private static MutableHttpRequest<byte[]> structured(CloudEvent event) {
        byte[] body = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(event);
        return HttpRequest.POST("/", body).header("Content-Type", JsonFormat.CONTENT_TYPE);
    }
}
