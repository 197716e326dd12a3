package dev.baton.operation;

import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.TopicProbe;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A waiting {@code GET /operations/{id}?wait=} ends as soon as the operation's result arrives over
 * Kafka (local delivery, as KafkaSource would deliver it), not when its wait runs out.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationWaitTest extends OperationApiTest {

    @Inject
    OperationWaiters waiters;

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @Override
    public Map<String, String> getProperties() {
        // No batched re-read during these tests: a GET can only be woken by this instance's own result.
        return TestHttp.properties("baton.local-delivery.enabled", "true", "baton.operation.recheck-interval", "1h");
    }

    @AfterAll
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void waitingGetReturnsTheResultOnceTheCompletionIsDelivered() throws Exception {
        String id = signupId("wait-completed");
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> get("/operations/" + id + "?wait=60s"), callers);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters.size() > 0 || waiting.isDone());
        assertTrue(!waiting.isDone(), "the GET did not wait for a pending operation: " + (waiting.isDone() ? waiting.get().body() : ""));

        long published = System.nanoTime();
        TopicProbe.publish(TestHttp.bootstrap(), Topic.USER_CREATE_RESPONSE.topicName(), Fixtures.userCreateCompleted(id));
        Reply reply = waiting.get(40, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - published);

        assertEquals(200, reply.status(), reply.body());
        Map<String, Object> body = reply.map();
        assertEquals("COMPLETED", body.get("state"));
        assertEquals(true, body.get("done"));
        assertNull(body.get("error"));
        Map<String, Object> user = TestHttp.object(body, "result");
        assertEquals(EventIds.userIdFor(id), user.get("id"));
        assertEquals("APPROVED", user.get("state"));
        assertEquals("wait-completed@example.com", user.get("email"));
        assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "the GET ran into its wait instead of the result: " + took);
    }

    @Test
    void waitingGetReturnsTheErrorOnceTheFailureIsDelivered() throws Exception {
        String id = signupId("wait-failed");
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> get("/operations/" + id + "?wait=60s"), callers);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters.size() > 0 || waiting.isDone());

        TopicProbe.publish(TestHttp.bootstrap(), Topic.USER_CREATE_RESPONSE.topicName(), Fixtures.userCreateFailed(id));
        Reply reply = waiting.get(40, TimeUnit.SECONDS);

        assertEquals(200, reply.status(), reply.body());
        Map<String, Object> body = reply.map();
        assertEquals("FAILED", body.get("state"));
        assertEquals(true, body.get("done"));
        assertNull(body.get("result"));
        assertEquals(Map.of("code", "APPROVAL_REJECTED", "message", "e-mail domain blocked.example is blocked"),
                TestHttp.object(body, "error"));
    }

    @Test
    void waitOnAFinishedOperationReturnsAtOnce() {
        String id = signupId("wait-finished");
        TopicProbe.publish(TestHttp.bootstrap(), Topic.USER_CREATE_RESPONSE.topicName(), Fixtures.userCreateCompleted(id));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(get("/operations/" + id).map().get("state")));

        long start = System.nanoTime();
        Reply reply = get("/operations/" + id + "?wait=60s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals("COMPLETED", reply.map().get("state"));
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "a finished operation was waited on: " + took);
    }
}
