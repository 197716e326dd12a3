package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.baton.eventing.contract.Databases;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.publish.EventPublisher;
import dev.baton.local.replay.Replay;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./baton replay against the running saga: replaying every topic twice changes nothing, and
 * redriving dead letters once their cause is gone completes those signups, a second time nothing.
 */
class ReplayTest extends OnTheStack {
    @Test
    void replayingEveryTopicTwiceGivesNoNewUserNoChangedOperationAndTheSameEventIds() {
        List<String> operations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String email = i == 3 ? "replay-" + UUID.randomUUID() + "@blocked.example" : "replay-" + UUID.randomUUID() + "@example.com";
            operations.add(api.post("/users", "{\"name\":\"Replay " + i + "\",\"email\":\"" + email + "\"}").location());
        }
        for (String location : operations) {
            assertTrue(api.get(location + "?wait=30s").body().get("done").asBoolean(), location);
        }
        awaitAllConsumed();
        List<Document> users = all(users());
        Map<Object, Document> terminal = terminalOperations();
        Map<String, Set<String>> ids = eventIds();

        for (int round = 0; round < 2; round++) {
            for (Topic topic : Topic.values()) {
                Run run = replay(topic.topicName(), "--to-topic", topic.topicName());
                assertEquals(0, run.exitCode, run::toString);
            }
        }
        Run toUrl = replay(Topic.USER_CREATE.topicName(), "--to-url", stack.functionUrl("user") + "/", "--on-4xx", "skip");
        assertTrue(toUrl.out.contains("5xx 0"), toUrl::toString);
        awaitAllConsumed();

        assertEquals(users, all(users()), "no new user, no user changed");
        Map<Object, Document> after = terminalOperations();
        terminal.forEach((id, operation) -> assertEquals(operation, after.get(id), "operation " + id));
        assertEquals(ids, eventIds(), "the same event ids downstream");
    }

    @Test
    void redrivingDeadLettersAfterTheCauseIsFixedCompletesThoseSignupsAndASecondRedriveChangesNothing() {
        // A signup whose request the user function dead-lettered while its MongoDB was down: the operation
        // is recorded and pending, the request sits in user-create.dlq as local delivery wrote it.
        String operationId = UUID.randomUUID().toString();
        String email = "redrive-" + operationId + "@example.com";
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        mongo.getDatabase(Databases.OPERATION).getCollection("operations").insertOne(new Document("_id", operationId)
                .append("type", "user.create").append("state", "PENDING").append("name", "Redrive").append("email", email)
                .append("createdAt", Date.from(now)).append("updatedAt", Date.from(now)).append("deadline", Date.from(now.plusSeconds(600))));
        CloudEvent request = Fixtures.userCreateRequested(operationId, "Redrive", email, null, now, now.plusSeconds(600));
        CloudEvent deadLetter = CloudEventBuilder.from(request)
                .withExtension("knativekafkapartition", 0).withExtension("knativekafkaoffset", 0L)
                .withExtension("knativeerrorcode", 500).withExtension("knativeerrordest", "baton-user")
                .withExtension("batonerrorreason", "retries exhausted: MongoTimeoutException").withExtension("batonattempts", 6)
                .withExtension("batonsourcetopic", Topic.USER_CREATE.topicName()).withExtension("batonsourcepartition", 0)
                .withExtension("batonsourceoffset", 0L).build();
        TopicProbe.send(stack.kafkaBootstrapServers(), EventPublisher.toRecord(Topic.USER_CREATE.deadLetterTopicName(), operationId, deadLetter));

        Run dry = replay("--redrive", Topic.USER_CREATE.deadLetterTopicName(), "--operation", operationId, "--dry-run");
        assertTrue(dry.exitCode == 0 && dry.out.contains("would send 1 record(s)") && dry.out.contains(request.getId()), dry::toString);

        Run first = replay("--redrive", Topic.USER_CREATE.deadLetterTopicName(), "--operation", operationId);
        assertEquals(0, first.exitCode, first::toString);
        JsonNode done = api.get("/operations/" + operationId + "?wait=30s").body();
        assertEquals("COMPLETED", done.get("state").asText(), done.toString());
        assertEquals(email, done.get("result").get("email").asText());
        awaitAllConsumed();
        Document user = users().find(Filters.eq("operationId", operationId)).first();
        Document operation = operation(operationId);
        Map<String, Set<String>> ids = eventIds();

        Run second = replay("--redrive", Topic.USER_CREATE.deadLetterTopicName(), "--operation", operationId);
        assertEquals(0, second.exitCode, second::toString);
        awaitAllConsumed();
        assertEquals(1, users().countDocuments(Filters.eq("operationId", operationId)));
        assertEquals(user, users().find(Filters.eq("operationId", operationId)).first());
        assertEquals(operation, operation(operationId));
        assertEquals(ids, eventIds());
    }

    private static MongoCollection<Document> users() {
        return mongo.getDatabase(Databases.USER).getCollection("users");
    }

    private static Document operation(String id) {
        return mongo.getDatabase(Databases.OPERATION).getCollection("operations").find(Filters.eq("_id", id)).first();
    }

    private static List<Document> all(MongoCollection<Document> collection) {
        List<Document> documents = new ArrayList<>();
        collection.find().sort(new Document("_id", 1)).into(documents);
        return documents;
    }

    /** Terminal operations never change; pending ones left by other tests may still time out meanwhile. */
    private static Map<Object, Document> terminalOperations() {
        Map<Object, Document> terminal = new HashMap<>();
        mongo.getDatabase(Databases.OPERATION).getCollection("operations")
                .find(Filters.ne("state", "PENDING")).forEach(d -> terminal.put(d.get("_id"), d));
        return terminal;
    }

    /** The distinct ce_id of every record on each of the saga's topics. */
    private static Map<String, Set<String>> eventIds() {
        Map<String, Set<String>> ids = new TreeMap<>();
        for (Topic topic : Topic.values()) {
            Set<String> seen = new TreeSet<>();
            try (TopicProbe probe = TopicProbe.fromBeginning(stack.kafkaBootstrapServers(), topic.topicName())) {
                for (ConsumerRecord<String, byte[]> record : drained(probe, topic.topicName())) {
                    var header = record.headers().lastHeader("ce_id");
                    if (header != null) {
                        seen.add(new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            ids.put(topic.topicName(), seen);
        }
        return ids;
    }

    private static List<ConsumerRecord<String, byte[]>> drained(TopicProbe probe, String topic) {
        long end = endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            records.clear();
            records.addAll(probe.records());
            return records.size() >= end;
        });
        return records;
    }

    private static void awaitAllConsumed() {
        KafkaState.awaitAllConsumed(stack.kafkaBootstrapServers());
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        return KafkaState.endOffsets(stack.kafkaBootstrapServers(), topic);
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private static Run replay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", stack.kafkaBootstrapServers()));
        int code = Replay.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
