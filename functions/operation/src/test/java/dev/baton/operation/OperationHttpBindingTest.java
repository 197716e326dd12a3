package dev.baton.operation;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.Fixtures;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.baton.operation.TestHttp.PROBLEM_BASE;
import static dev.baton.operation.TestHttp.binary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /} as Knative's KafkaSource calls it: 200 once recorded, 400 problem for what can never be processed. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationHttpBindingTest extends OperationApiTest {

    @Test
    void binaryModeCompletionIsRecorded() {
        String id = pending("http-completed");

        Reply reply = exchange(binary(Fixtures.userCreateCompleted(id)));

        assertEquals(200, reply.status(), reply.body());
        Map<String, Object> outcome = reply.map();
        assertEquals("done-" + id, outcome.get("eventId"));
        assertEquals(List.of(), outcome.getOrDefault("published", List.of()), "recording a result publishes nothing");
        Operation op = repository.findById(id).orElseThrow();
        assertEquals(OperationState.COMPLETED, op.state());
        assertEquals(EventIds.userIdFor(id), op.userId());
    }

    @Test
    void binaryModeFailureIsRecorded() {
        String id = pending("http-failed");

        Reply reply = exchange(binary(Fixtures.userCreateFailed(id)));

        assertEquals(200, reply.status(), reply.body());
        Operation op = repository.findById(id).orElseThrow();
        assertEquals(OperationState.FAILED, op.state());
        assertEquals("APPROVAL_REJECTED", op.errorCode());
    }

    @Test
    void redeliveredCompletionIsAcknowledgedAndChangesNothing() {
        String id = pending("http-redelivered");
        assertEquals(200, exchange(binary(Fixtures.userCreateCompleted(id))).status());
        Operation first = repository.findById(id).orElseThrow();

        Reply again = exchange(binary(Fixtures.userCreateCompleted(id)));

        assertEquals(200, again.status(), "a redelivery must not be dead-lettered: " + again.body());
        assertEquals(first, repository.findById(id).orElseThrow());
    }

    @Test
    void kafkaSourceExtensionsAreAccepted() {
        String id = pending("http-extras");
        var request = binary(Fixtures.userCreateCompleted(id))
                .header("ce-knativekafkapartition", "2")
                .header("ce-knativekafkaoffset", "4711")
                .header("ce-key", id);

        Reply reply = exchange(request);

        assertEquals(200, reply.status(), reply.body());
        assertEquals(OperationState.COMPLETED, repository.findById(id).orElseThrow().state());
    }

    @Test
    void structuredModeIsAccepted() {
        String id = pending("http-structured");
        CloudEvent event = Fixtures.userCreateCompleted(id);
        byte[] structured = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(event);

        Reply reply = exchange(HttpRequest.POST("/", structured).contentType(MediaType.of(JsonFormat.CONTENT_TYPE)));

        assertEquals(200, reply.status(), reply.body());
        Operation op = repository.findById(id).orElseThrow();
        assertEquals(OperationState.COMPLETED, op.state());
        assertEquals(EventIds.userIdFor(id), op.userId());
    }

    @Test
    void eventForAnUnknownOperationIs400Problem() {
        String unknown = "http-unknown-" + UUID.randomUUID();

        Reply reply = exchange(binary(Fixtures.userCreateCompleted(unknown)));

        Map<String, Object> problem = reply.problem(400, PROBLEM_BASE + "rejected-event");
        assertTrue(((String) problem.get("detail")).contains(unknown), reply.body());
        assertTrue(repository.findById(unknown).isEmpty());
    }

    @Test
    void forgedCompletionIs400ProblemAndChangesNothing() {
        String id = pending("http-forged");
        Operation before = repository.findById(id).orElseThrow();

        Reply reply = exchange(binary(Fixtures.userCreateCompleted(id, "u-evil", "/baton/user")));

        Map<String, Object> problem = reply.problem(400, PROBLEM_BASE + "rejected-event");
        assertTrue(((String) problem.get("detail")).contains("u-evil"), reply.body());
        assertEquals(before, repository.findById(id).orElseThrow());
    }

    @Test
    void unknownTypeIs400Problem() {
        Reply reply = exchange(binary(Fixtures.unknownType()));

        Map<String, Object> problem = reply.problem(400, PROBLEM_BASE + "rejected-event");
        assertTrue(((String) problem.get("detail")).contains("unknown event type"), reply.body());
    }

    @Test
    void malformedDataIs400Problem() {
        reply400(Fixtures.malformedData(BatonEventType.USER_CREATE_COMPLETED));
        reply400(Fixtures.malformedData(BatonEventType.USER_CREATE_FAILED));
    }

    @Test
    void invalidDataIs400Problem() {
        reply400(Fixtures.invalidData(BatonEventType.USER_CREATE_COMPLETED));
        reply400(Fixtures.invalidData(BatonEventType.USER_CREATE_FAILED));
    }

    @Test
    void eventWithoutDataIs400Problem() {
        CloudEvent noData = CloudEventBuilder.v1(Fixtures.userCreateCompleted(pending("http-no-data"))).withoutData().withoutDataContentType().build();

        reply400(noData);
    }

    @Test
    void requestThatIsNotACloudEventIs400Problem() {
        Reply reply = exchange(HttpRequest.POST("/", "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        reply.problem(400, PROBLEM_BASE + "not-a-cloudevent");
    }

    private void reply400(CloudEvent event) {
        Reply reply = exchange(binary(event));
        reply.problem(400, PROBLEM_BASE + "rejected-event");
    }
}
