package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Databases;
import dev.baton.eventing.contract.Topic;
import dev.baton.testkit.ConsumerGroups;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole saga through the public API, with the function jars running as they run under {@code baton up}. */
class SignupSagaTest extends OnTheStack {
    @Test
    void anApprovedSignupCompletesWithTheUser() {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        Api.Response accepted = api.post("/users", "{\"name\":\"Ada\",\"email\":\"" + email + "\"}");
        assertEquals(202, accepted.status());
        assertTrue(accepted.location().startsWith("/operations/"), accepted.location());

        JsonNode done = api.get(accepted.location() + "?wait=30s").body();
        assertEquals("COMPLETED", done.get("state").asText(), done.toString());
        assertTrue(done.get("done").asBoolean());
        assertEquals(email, done.get("result").get("email").asText());
        assertEquals("APPROVED", done.get("result").get("state").asText());
    }

    @Test
    void aRejectedSignupFailsWithTheReason() {
        Api.Response accepted = api.post("/users", "{\"name\":\"Mallory\",\"email\":\"mallory@blocked.example\"}");
        JsonNode done = api.get(accepted.location() + "?wait=30s").body();
        assertEquals("FAILED", done.get("state").asText(), done.toString());
        assertEquals("APPROVAL_REJECTED", done.get("error").get("code").asText());
        assertTrue(done.get("error").get("message").asText().contains("blocked"));
    }

    @Test
    void theOriginalDemosRoutesWorkUnchanged() {
        Api.Response created = api.post("/operation/create/user-create", "{\"name\": \"hans\"}");
        assertEquals(200, created.status());
        assertEquals("pending", created.body().get("state").asText());
        assertEquals("hans", created.body().get("data").get("name").asText());
        String uuid = created.body().get("uuid").asText();

        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            JsonNode op = api.get("/operation/get/" + uuid).body();
            assertEquals("completed", op.get("state").asText(), op.toString());
            assertEquals("completed", op.get("response").get("state").asText());
        });
    }

    @Test
    void replayingASignupsEventsCreatesNoSecondUserAndChangesNothing() {
        String email = "replay-" + UUID.randomUUID() + "@example.com";
        String location = api.post("/users", "{\"name\":\"Grace\",\"email\":\"" + email + "\"}").location();
        JsonNode done = api.get(location + "?wait=30s").body();
        assertEquals("COMPLETED", done.get("state").asText());
        String operationId = done.get("id").asText();

        try (TopicProbe requests = TopicProbe.fromBeginning(stack.kafkaBootstrapServers(), Topic.USER_CREATE.topicName());
             TopicProbe decisions = TopicProbe.fromBeginning(stack.kafkaBootstrapServers(), Topic.USER_APPROVE_RESPONSE.topicName());
             TopicProbe results = TopicProbe.fromBeginning(stack.kafkaBootstrapServers(), Topic.USER_CREATE_RESPONSE.topicName())) {
            CloudEvent request = requests.awaitOne(e -> operationId.equals(e.getSubject()));
            CloudEvent decision = decisions.awaitOne(e -> operationId.equals(e.getSubject()));
            CloudEvent completed = results.awaitOne(e -> operationId.equals(e.getSubject()));

            TopicProbe.publish(stack.kafkaBootstrapServers(), Topic.USER_APPROVE_RESPONSE.topicName(), decision);
            TopicProbe.publish(stack.kafkaBootstrapServers(), Topic.USER_CREATE.topicName(), request);

            // Each replayed input re-publishes the same terminal event, under the same id.
            var again = results.awaitCount(e -> operationId.equals(e.getSubject()), 3);
            again.forEach(e -> assertEquals(completed.getId(), e.getId()));
        }
        // The copies are on the topic; compare only once the operation function has handled them all.
        ConsumerGroups.awaitCommittedToEnd(stack.kafkaBootstrapServers(), BatonFunction.OPERATION.consumerGroup(),
                Topic.USER_CREATE_RESPONSE.topicName());
        long users = mongo.getDatabase(Databases.USER).getCollection("users")
                .countDocuments(Filters.eq("operationId", operationId));
        assertEquals(1, users);
        assertEquals(done.get("updatedAt"), api.get(location).body().get("updatedAt"), "the operation did not change");
    }

    @Test
    void aMalformedEventIsDeadLetteredWithItsReasonAndNothingElseIsBlocked() {
        try (TopicProbe deadLetters = TopicProbe.from(stack.kafkaBootstrapServers(), Topic.USER_CREATE.deadLetterTopicName())) {
            CloudEvent malformed = Fixtures.malformedData(BatonEventType.USER_CREATE_REQUESTED);
            TopicProbe.publish(stack.kafkaBootstrapServers(), Topic.USER_CREATE.topicName(), malformed);

            CloudEvent dead = deadLetters.awaitOne(e -> malformed.getId().equals(e.getId()));
            assertEquals("400", String.valueOf(dead.getExtension("knativeerrorcode")));
            assertNotNull(dead.getExtension("batonerrorreason"));
        }
        Api.Response accepted = api.post("/users", "{\"name\":\"Linus\",\"email\":\"linus-" + UUID.randomUUID() + "@example.com\"}");
        assertEquals("COMPLETED", api.get(accepted.location() + "?wait=30s").body().get("state").asText());
    }
}
