package dev.baton.operation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.Databases;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.baton.operation.TestHttp.PROBLEM_BASE;
import static dev.baton.operation.TestHttp.signupJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@code Idempotency-Key}: a retried POST finds the first operation; the key reused for another request is a 422 problem. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyKeyTest extends OperationApiTest {

    @Inject
    MongoClient mongo;

    private static final int CONCURRENT_POSTS = 8;

    @Inject
    OperationFunction function;

    @Inject
    EventCodec codec;

    @Test
    void sameKeyAndSameBodyIsTheSameOperation() {
        String key = "idem-same-" + UUID.randomUUID();
        String body = signupJson("Idem Same", "idem-same@example.com");
        try (TopicProbe requests = TopicProbe.from(TestHttp.bootstrap(), Topic.USER_CREATE.topicName())) {
            Reply first = post(body, key);
            Reply second = post(body, key);

            assertEquals(202, first.status(), first.body());
            assertEquals(202, second.status(), second.body());
            String id = (String) first.map().get("id");
            assertEquals(id, second.map().get("id"));
            assertEquals(first.location(), second.location());
            assertEquals(first.map().get("createdAt"), second.map().get("createdAt"));
            assertEquals(1, operationsWithKey(key));

            // The retry re-sends the request of the still pending operation, under the same event id.
            String requestId = EventIds.derive(id, BatonEventType.USER_CREATE_REQUESTED);
            List<CloudEvent> sent = requests.awaitCount(e -> e.getId().equals(requestId), 2);
            assertEquals(2, sent.size());

            // Each copy carries the operation as recorded, so its view can be rebuilt from the events.
            Operation recorded = repository.findById(id).orElseThrow();
            UserCreateRequested expected = new UserCreateRequested(id, "Idem Same", "idem-same@example.com", key,
                    recorded.createdAt(), recorded.deadline());
            assertEquals(expected, codec.decode(sent.get(0), UserCreateRequested.class));
            assertEquals(expected, codec.decode(sent.get(1), UserCreateRequested.class));
        }
    }

    /**
     * However the POSTs interleave, one key is one signup: every 202 is the same operation, and a POST that
     * finds the first one still being recorded is told so (409, retry), never a second operation or a 5xx.
     */
    @Test
    void concurrentPostsWithOneKeyAreOneOperation() throws Exception {
        String key = "idem-race-" + UUID.randomUUID();
        String body = signupJson("Idem Race", "idem-race@example.com");
        ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT_POSTS);
        List<Reply> replies = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> posts = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_POSTS; i++) {
                posts.add(callers.submit(() -> {
                    go.await();
                    return post(body, key);
                }));
            }
            go.countDown();
            for (Future<Reply> post : posts) {
                replies.add(post.get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }

        Set<Object> ids = new HashSet<>();
        for (Reply reply : replies) {
            if (reply.status() == 409) {
                reply.problem(409, PROBLEM_BASE + "idempotency-conflict");
            } else {
                assertEquals(202, reply.status(), reply.body());
                ids.add(reply.map().get("id"));
            }
        }
        assertEquals(1, ids.size(), "every accepted POST names the same operation: " + ids);
        assertEquals(EventIds.derive(key, "dev.baton.operation"), ids.iterator().next());
        assertEquals(1, operationsWithKey(key));
    }

    @Test
    void differentKeysAreDifferentOperations() {
        String body = signupJson("Idem Two Keys", "idem-two@example.com");

        Reply first = post(body, "idem-a-" + UUID.randomUUID());
        Reply second = post(body, "idem-b-" + UUID.randomUUID());

        assertNotEquals(first.map().get("id"), second.map().get("id"));
    }

    @Test
    void sameKeyWithADifferentBodyIs422Problem() {
        String key = "idem-reused-" + UUID.randomUUID();
        Reply first = post(signupJson("Idem Reused", "idem-reused@example.com"), key);
        assertEquals(202, first.status(), first.body());

        Reply otherName = post(signupJson("Somebody Else", "idem-reused@example.com"), key);
        Reply otherEmail = post(signupJson("Idem Reused", "other@example.com"), key);

        otherName.problem(422, PROBLEM_BASE + "idempotency-key-reused");
        otherEmail.problem(422, PROBLEM_BASE + "idempotency-key-reused");
        assertEquals(1, operationsWithKey(key));
        assertEquals("Idem Reused", TestHttp.object(get(first.location()).map(), "request").get("name"));
    }

    @Test
    void retryOfAFinishedOperationReturnsItsResult() {
        String key = "idem-finished-" + UUID.randomUUID();
        String body = signupJson("Idem Finished", "idem-finished@example.com");
        String id = (String) post(body, key).map().get("id");
        function.apply(Fixtures.userCreateCompleted(id));

        Reply retry = post(body, key);

        assertEquals(202, retry.status(), retry.body());
        assertEquals(id, retry.map().get("id"));
        assertEquals("COMPLETED", retry.map().get("state"));
        assertEquals(true, retry.map().get("done"));
    }

    private long operationsWithKey(String key) {
        return mongo.getDatabase(Databases.OPERATION).getCollection(Operation.COLLECTION).countDocuments(Filters.eq("idempotencyKey", key));
    }
}
