package dev.baton.operation;

import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.baton.operation.TestHttp.binary;
import static dev.baton.operation.TestHttp.signupJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The operation function as its cluster-local sink Service runs it (BATON_API_ENABLED=false): it takes
 * the KafkaSource's events and serves none of the client API.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSinkSurfaceTest extends OperationApiTest {

    @Override
    public Map<String, String> getProperties() {
        return TestHttp.properties("baton.api.enabled", "false");
    }

    @Test
    void completionIsRecorded() {
        String id = "sink-completed-" + UUID.randomUUID();
        Instant now = Instant.now();
        repository.save(Operation.pending(id, "Ada", "ada@example.com", null, now, now.plus(Duration.ofMinutes(5))));

        Reply reply = exchange(binary(Fixtures.userCreateCompleted(id)));

        assertEquals(200, reply.status(), reply.body());
        assertEquals(OperationState.COMPLETED, repository.findById(id).orElseThrow().state());
    }

    @Test
    void theClientApiIsNotServed() {
        assertEquals(404, exchange(HttpRequest.POST("/users", signupJson("Sink", "sink@example.com"))
                .contentType(MediaType.APPLICATION_JSON)).status());
        assertEquals(404, exchange(HttpRequest.GET("/operations/" + UUID.randomUUID())).status());
        assertEquals(404, exchange(HttpRequest.POST("/operation/create/user-create", "{\"name\":\"hans\"}")
                .contentType(MediaType.APPLICATION_JSON)).status());
    }
}
