package dev.baton.operation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.Databases;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.TopicProbe;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.baton.operation.KafkaDownSignupRequestPublisher.DOWN_PREFIX;
import static dev.baton.operation.TestHttp.PROBLEM_BASE;
import static dev.baton.operation.TestHttp.signupJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A signup whose request cannot reach Kafka is not accepted: 503 problem, and no operation is left behind. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishFailureTest extends OperationApiTest {

    @Inject
    MongoClient mongo;

    @Override
    public Map<String, String> getProperties() {
        return TestHttp.properties("baton.test.kafka-down", "true");
    }

    @Test
    void signupIs503ProblemAndNothingIsRecorded() {
        String name = DOWN_PREFIX + " " + UUID.randomUUID();

        Reply reply = post(signupJson(name, "down@example.com"), null);

        Map<String, Object> problem = reply.problem(503, PROBLEM_BASE + "not-accepted");
        assertEquals("/users", problem.get("instance"));
        assertTrue(((String) problem.get("detail")).contains("retry"), reply.body());
        assertEquals(null, reply.location());
        assertEquals(0, operations().countDocuments(Filters.eq("name", name)));
    }

    @Test
    void retryWithTheSameKeyAfterA503StartsAfresh() {
        String key = "down-key-" + UUID.randomUUID();
        String name = DOWN_PREFIX + " " + UUID.randomUUID();
        post(signupJson(name, "down-retry@example.com"), key).problem(503, PROBLEM_BASE + "not-accepted");
        assertEquals(0, operations().countDocuments(Filters.eq("idempotencyKey", key)));

        // Had the failed attempt been kept, a different body under this key would be a 422.
        Reply retry = post(signupJson("Back Up " + UUID.randomUUID(), "down-retry@example.com"), key);

        assertEquals(202, retry.status(), retry.body());
        assertEquals(1, operations().countDocuments(Filters.eq("idempotencyKey", key)));
    }

    /** A retry that finds its signup recorded but cannot re-send the request says so, and keeps the signup. */
    @Test
    void retryOfAPendingSignupWhoseRequestCannotBeResentIs503AndKeepsIt() {
        String key = "down-pending-" + UUID.randomUUID();
        String name = DOWN_PREFIX + " pending " + UUID.randomUUID();
        String id = EventIds.derive(key, "dev.baton.operation");
        Instant now = Instant.now();
        repository.save(Operation.pending(id, name, "down-pending@example.com", key, now, now.plusSeconds(300)));

        Reply retry = post(signupJson(name, "down-pending@example.com"), key);

        Map<String, Object> problem = retry.problem(503, PROBLEM_BASE + "not-accepted");
        assertTrue(((String) problem.get("detail")).contains("is recorded"), retry.body());
        assertEquals(OperationState.PENDING, repository.findById(id).orElseThrow().state(), "the recorded signup stays");
        assertEquals(1, operations().countDocuments(Filters.eq("idempotencyKey", key)));
    }

    @Test
    void otherSignupsStillReachKafka() {
        try (TopicProbe requests = TopicProbe.from(TestHttp.bootstrap(), Topic.USER_CREATE.topicName())) {
            Reply reply = post(signupJson("Kafka Up " + UUID.randomUUID(), "up@example.com"), null);

            assertEquals(202, reply.status(), reply.body());
            String id = (String) reply.map().get("id");
            requests.awaitOne(e -> e.getId().equals(EventIds.derive(id, BatonEventType.USER_CREATE_REQUESTED)));
        }
    }

    @Test
    void legacySignupIs503ProblemAndNothingIsRecorded() {
        String name = DOWN_PREFIX + " legacy " + UUID.randomUUID();

        Reply reply = TestHttp.exchange(client, json, HttpRequest.POST("/operation/create/user-create",
                        ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        reply.problem(503, PROBLEM_BASE + "not-accepted");
        assertEquals(0, operations().countDocuments(Filters.eq("name", name)));
    }

    private MongoCollection<Document> operations() {
        return mongo.getDatabase(Databases.OPERATION).getCollection(Operation.COLLECTION);
    }
}
