package dev.baton.operation;

import dev.baton.eventing.contract.EventIds;
import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

import static dev.baton.operation.TestHttp.binary;
import static dev.baton.operation.TestHttp.signupJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The operation function as its public Knative Service runs it (BATON_EVENTS_ENABLED=false): the client
 * API only. A completion posted to it, even a well-formed one from the right source, finds no route.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicApiSurfaceTest extends OperationApiTest {

    @Override
    public Map<String, String> getProperties() {
        return TestHttp.properties("baton.events.enabled", "false");
    }

    @Test
    void forgedCompletionOnThePublicPortIs404AndChangesNothing() {
        String id = pending("public-forged");
        Operation before = repository.findById(id).orElseThrow();

        Reply reply = exchange(binary(Fixtures.userCreateCompleted(id, EventIds.userIdFor(id), "/baton/user")));

        assertEquals(404, reply.status(), reply.body());
        assertEquals(before, repository.findById(id).orElseThrow());
    }

    @Test
    void theClientApiIsServed() {
        Reply accepted = exchange(HttpRequest.POST("/users", signupJson("Public " + UUID.randomUUID(), "public@example.com"))
                .contentType(MediaType.APPLICATION_JSON));
        assertEquals(202, accepted.status(), accepted.body());
        String id = (String) accepted.map().get("id");

        assertEquals(200, exchange(HttpRequest.GET("/operations/" + id)).status());
        assertEquals(200, exchange(HttpRequest.GET("/operation/get/" + id)).status(), "the original demo's route");
    }

    @Test
    void healthShowsTheStatusButNoDetails() {
        Reply health = exchange(HttpRequest.GET("/health"));

        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.map().get("status"));
        assertFalse(health.map().containsKey("details"), "health details are not for anonymous callers: " + health.body());
    }
}
