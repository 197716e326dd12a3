package dev.baton.local.replay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.BatonPayload;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.contract.payload.UserView;
import dev.baton.eventing.publish.EventPublisher;
import dev.baton.local.EmbeddedKafka;
import dev.baton.local.EmbeddedMongo;
import dev.baton.local.FreePorts;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.serde.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * replay rebuild on a real broker and a real MongoDB-protocol server, from events written as the functions write
 * them: the operation function's rules (first result, too late after the deadline, TIMEOUT at the deadline),
 * recorded outcomes (EMAIL_TAKEN stays), duplicates, old events, --verify, idempotence and the errors. Its own
 * broker: it needs Baton's own topic names, which other replay tests use for other things.
 */
class ReplayRebuildTest {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant CREATED = NOW.minus(Duration.ofMinutes(30));
    private static final Instant PAST_DEADLINE = CREATED.plus(Duration.ofMinutes(5));
    private static final Instant FUTURE_DEADLINE = NOW.plus(Duration.ofMinutes(5));
    private static EmbeddedKafka kafka;
    private static EmbeddedMongo mongoServer;
    private static MongoClient mongo;

    @BeforeAll
    static void start() throws IOException {
        kafka = EmbeddedKafka.start(null, 0);
        kafka.createTopics(Arrays.stream(Topic.values()).map(Topic::topicName).toList(), 3);
        mongoServer = EmbeddedMongo.inMemory(0);
        mongo = MongoClients.create(mongoServer.connectionString());
        writeTheSaga();
        writeTheLiveViews();
    }

    @AfterAll
    static void stop() {
        mongo.close();
        mongoServer.close();
        kafka.close();
    }

    @Test
    void rebuiltOperationsFollowTheOperationFunctionsRulesAndEqualItsView() {
        Run run = rebuild("operations", "--into", "ops_rules", "--verify");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(liveDocuments("operation_service", "operations"), documents(mongo.getDatabase("ops_rules"), "operations"));
        assertTrue(run.out().contains("operations: 6 live, 6 rebuilt, 0 difference(s)"), run::toString);
        assertTrue(run.out().contains("6 operation(s): 1 COMPLETED, 3 FAILED (2 of them TIMEOUT), 2 PENDING"), run::toString);
        assertTrue(run.out().contains("1 results decided at or after the operation's deadline"), run::toString);
        assertTrue(run.out().contains("1 copies of a request already read") && run.out().contains("1 copies of a result already applied"), run::toString);
        assertTrue(run.out().contains("1 results of operations whose request is not on user-create")
                && run.out().contains("1 results from another source than the user function"), run::toString);
        assertTrue(run.out().contains("1 requests without createdAt/deadline"), run::toString);
        assertTrue(run.err().contains("read 8 record(s) from user-create, 1 of them not a Baton event"), run::toString);
    }

    @Test
    void rebuiltUsersKeepTheRecordedOutcomesAndTheFirstClaimOfEachAddress() {
        Run run = rebuild("users", "--verify");

        assertEquals(0, run.exitCode(), run::toString);
        MongoDatabase rebuilt = mongo.getDatabase("user_service_rebuilt");
        assertEquals(liveDocuments("user_service", "users"), documents(rebuilt, "users"));
        assertEquals(List.of(new Document("_id", "ada@example.com").append("operationId", "op-a"),
                new Document("_id", "dora@example.com").append("operationId", "op-d")), documents(rebuilt, "emails"));
        assertTrue(run.out().contains("5 user(s): 2 APPROVED, 2 REJECTED, 1 PENDING_APPROVAL; 2 e-mail claim(s)"), run::toString);
    }

    @Test
    void verifyPrintsEveryDifferenceWithDocumentFieldAndBothValues() {
        MongoDatabase live = mongo.getDatabase("operation_service");
        live.getCollection("operations").updateOne(Filters.eq("_id", "op-b"), Updates.set("errorMessage", "edited by hand"));
        live.getCollection("operations").insertOne(new Document("_id", "op-stray").append("state", "PENDING"));
        try {
            Run run = rebuild("operations", "--into", "ops_verify", "--verify");

            assertEquals(ReplayException.VIEWS_DIFFER, run.exitCode(), run::toString);
            assertTrue(run.out().contains("operations op-b: errorMessage: live 'edited by hand', rebuilt 'e-mail domain blocked.example is blocked'"),
                    run::toString);
            assertTrue(run.out().contains("operations op-stray: only in the live view"), run::toString);
            assertTrue(run.out().contains("operations: 7 live, 6 rebuilt, 2 difference(s)"), run::toString);
        } finally {
            live.getCollection("operations").updateOne(Filters.eq("_id", "op-b"),
                    Updates.set("errorMessage", "e-mail domain blocked.example is blocked"));
            live.getCollection("operations").deleteOne(Filters.eq("_id", "op-stray"));
        }
    }

    @Test
    void aSecondRebuildGivesTheSameDatabaseAndWhatWasThereBeforeIsGone() {
        MongoDatabase target = mongo.getDatabase("users_twice");
        target.getCollection("emails").insertOne(new Document("_id", "stale@example.com").append("operationId", "op-gone"));

        assertEquals(0, rebuild("users", "--into", "users_twice").exitCode());
        List<Document> first = documents(target, "users");
        List<Document> firstClaims = documents(target, "emails");
        assertEquals(0, rebuild("users", "--into", "users_twice").exitCode());

        assertEquals(first, documents(target, "users"));
        assertEquals(firstClaims, documents(target, "emails"));
        assertEquals(2, firstClaims.size(), "the stale claim is gone: " + firstClaims);
    }

    @Test
    void onlyTheOperationsAskedFor() {
        Run run = rebuild("operations", "--into", "ops_some", "--operation", "op-a", "--operation", "op-c", "--verify");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("op-a", "op-c"), documents(mongo.getDatabase("ops_some"), "operations").stream().map(d -> d.getString("_id")).toList());
        assertTrue(run.out().contains("operations: 2 live, 2 rebuilt, 0 difference(s)"), run::toString);
    }

    @Test
    void theLiveDatabaseOnlyWhenItIsEmpty() {
        Run refused = rebuild("operations", "--into", "operation_service");
        assertEquals(ReplayException.USAGE, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("is the live database of the operation function") && refused.err().contains("holds 6 document(s)"),
                refused::toString);

        assertEquals(ReplayException.USAGE, rebuild("users", "--into", "user_service", "--verify").exitCode(), "--verify needs another database");

        // A live view that was lost: the rebuild goes into the empty database under the function's own name.
        try (EmbeddedMongo lostServer = EmbeddedMongo.inMemory(0); MongoClient lost = MongoClients.create(lostServer.connectionString())) {
            Run run = rebuildWith(Map.of("MONGODB_URI", lostServer.connectionString()), "users", "--into", "user_service");
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(liveDocuments("user_service", "users"), documents(lost.getDatabase("user_service"), "users"));
            assertEquals(liveDocuments("user_service", "emails"), documents(lost.getDatabase("user_service"), "emails"));
        }
    }

    @Test
    void unreachableMongoSaysWhereItLookedAndHowToSetIt() {
        Run run = rebuildWith(Map.of("MONGODB_URI", "mongodb://user:secret@127.0.0.1:" + FreePorts.find() + "/?serverSelectionTimeoutMS=500"),
                "users", "--into", "never");
        assertEquals(ReplayException.UNREACHABLE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("cannot use MongoDB at 127.0.0.1:") && run.err().contains("--mongodb-uri or MONGODB_URI"), run::toString);
        assertTrue(!run.err().contains("secret"), "no credentials in the message: " + run);
    }

    @Test
    void usageErrors() {
        assertEquals(ReplayException.USAGE, rebuild("accounts").exitCode());
        assertEquals(ReplayException.USAGE, rebuild().exitCode());
        assertEquals(ReplayException.USAGE, rebuild("users", "--bogus").exitCode());
    }

    // --- the saga as the functions wrote it ----------------------------------------------------------

    /**
     * a: completed in time (its request and its result each sent twice); b: rejected by approval; c: no result
     * and past its deadline; d: pending, deadline ahead; e: completed only after its deadline; f: a request
     * written before the events carried the operation's times. Plus: a result for an operation never requested,
     * a completion from another source, a record that is no CloudEvent, and h, whose e-mail a already held.
     */
    private static void writeTheSaga() {
        for (String op : List.of("op-a", "op-a", "op-b", "op-c", "op-e")) {
            send(Topic.USER_CREATE, BatonEventType.USER_CREATE_REQUESTED, EventIds.derive(op, BatonEventType.USER_CREATE_REQUESTED),
                    BatonFunction.OPERATION, new UserCreateRequested(op, name(op), email(op), op.equals("op-a") ? "key-a" : null,
                            CREATED, PAST_DEADLINE), CREATED);
        }
        send(Topic.USER_CREATE, BatonEventType.USER_CREATE_REQUESTED, "req-d", BatonFunction.OPERATION,
                new UserCreateRequested("op-d", name("op-d"), email("op-d"), null, NOW.minusSeconds(10), FUTURE_DEADLINE), NOW.minusSeconds(10));
        send(Topic.USER_CREATE, BatonEventType.USER_CREATE_REQUESTED, "req-f", BatonFunction.OPERATION,
                new UserCreateRequested("op-f", name("op-f"), null), NOW.minusSeconds(5));
        sendRaw(new ProducerRecord<>(Topic.USER_CREATE.topicName(), "op-x", "not a cloudevent".getBytes(StandardCharsets.UTF_8)));

        send(Topic.USER_APPROVE, BatonEventType.USER_APPROVAL_REQUESTED, "ask-a", BatonFunction.USER,
                new ApprovalRequested("op-a", user("op-a"), name("op-a"), email("op-a"), CREATED.plusMillis(5)), CREATED);
        send(Topic.USER_APPROVE, BatonEventType.USER_APPROVAL_REQUESTED, "ask-b", BatonFunction.USER,
                new ApprovalRequested("op-b", user("op-b"), name("op-b"), email("op-b"), CREATED.plusMillis(5)), CREATED);
        send(Topic.USER_APPROVE, BatonEventType.USER_APPROVAL_REQUESTED, "ask-e", BatonFunction.USER,
                new ApprovalRequested("op-e", user("op-e"), name("op-e"), null, CREATED), CREATED);
        send(Topic.USER_APPROVE, BatonEventType.USER_APPROVAL_REQUESTED, "ask-d", BatonFunction.USER,
                new ApprovalRequested("op-d", user("op-d"), name("op-d"), email("op-d"), NOW.minusSeconds(9)), NOW.minusSeconds(9));

        UserView ada = new UserView(user("op-a"), name("op-a"), email("op-a"), "APPROVED", CREATED.plusMillis(5));
        for (int copy = 0; copy < 2; copy++) {
            send(Topic.USER_CREATE_RESPONSE, BatonEventType.USER_CREATE_COMPLETED, "done-a", BatonFunction.USER,
                    new UserCreateCompleted("op-a", ada, "passed the rules", "dec-a", CREATED.plusSeconds(2)), CREATED.plusSeconds(2 + copy));
        }
        send(Topic.USER_CREATE_RESPONSE, BatonEventType.USER_CREATE_FAILED, "fail-b", BatonFunction.USER,
                new UserCreateFailed("op-b", new ErrorInfo("APPROVAL_REJECTED", "e-mail domain blocked.example is blocked"),
                        new UserView(user("op-b"), name("op-b"), email("op-b"), "REJECTED", CREATED.plusMillis(5)), "dec-b", CREATED.plusSeconds(3)),
                CREATED.plusSeconds(3));
        send(Topic.USER_CREATE_RESPONSE, BatonEventType.USER_CREATE_COMPLETED, "done-e", BatonFunction.USER,
                new UserCreateCompleted("op-e", new UserView(user("op-e"), name("op-e"), null, "APPROVED", CREATED), "late", "dec-e",
                        PAST_DEADLINE.plusSeconds(1)), PAST_DEADLINE.plusSeconds(1));
        send(Topic.USER_CREATE_RESPONSE, BatonEventType.USER_CREATE_FAILED, "fail-h", BatonFunction.USER,
                new UserCreateFailed("op-h", new ErrorInfo("EMAIL_TAKEN", "e-mail address ada@example.com is already in use"),
                        new UserView(user("op-h"), "Hedy", "ada@example.com", "REJECTED", CREATED.plusSeconds(1)), "req-h", CREATED.plusSeconds(1)),
                CREATED.plusSeconds(1));
        send(Topic.USER_CREATE_RESPONSE, BatonEventType.USER_CREATE_COMPLETED, "forged-c", BatonFunction.APPROVAL,
                new UserCreateCompleted("op-c", new UserView(user("op-c"), name("op-c"), null, "APPROVED", CREATED)), CREATED.plusSeconds(4));
    }

    /** The documents the functions wrote for that saga: what the rebuild must come back to. */
    private static void writeTheLiveViews() {
        MongoDatabase operations = mongo.getDatabase("operation_service");
        operations.getCollection("operations").insertMany(List.of(
                operation("op-a", "COMPLETED", CREATED.plusSeconds(2), PAST_DEADLINE).append("idempotencyKey", "key-a")
                        .append("userId", user("op-a")).append("userState", "APPROVED").append("userCreatedAt", date(CREATED.plusMillis(5))),
                operation("op-b", "FAILED", CREATED.plusSeconds(3), PAST_DEADLINE)
                        .append("errorCode", "APPROVAL_REJECTED").append("errorMessage", "e-mail domain blocked.example is blocked"),
                operation("op-c", "FAILED", PAST_DEADLINE, PAST_DEADLINE)
                        .append("errorCode", "TIMEOUT").append("errorMessage", ErrorInfo.TIMEOUT_MESSAGE),
                operation("op-e", "FAILED", PAST_DEADLINE, PAST_DEADLINE)
                        .append("errorCode", "TIMEOUT").append("errorMessage", ErrorInfo.TIMEOUT_MESSAGE),
                new Document("_id", "op-d").append("type", "user.create").append("state", "PENDING").append("name", name("op-d"))
                        .append("email", email("op-d")).append("createdAt", date(NOW.minusSeconds(10))).append("updatedAt", date(NOW.minusSeconds(10)))
                        .append("deadline", date(FUTURE_DEADLINE)),
                new Document("_id", "op-f").append("type", "user.create").append("state", "PENDING").append("name", name("op-f"))
                        .append("createdAt", date(NOW.minusSeconds(5))).append("updatedAt", date(NOW.minusSeconds(5)))));
        MongoDatabase users = mongo.getDatabase("user_service");
        users.getCollection("users").insertMany(List.of(
                userDocument("op-a", name("op-a"), email("op-a"), "APPROVED", CREATED.plusMillis(5), CREATED.plusSeconds(2))
                        .append("reason", "passed the rules").append("failureCode", null).append("decidedBy", "dec-a"),
                userDocument("op-b", name("op-b"), email("op-b"), "REJECTED", CREATED.plusMillis(5), CREATED.plusSeconds(3))
                        .append("reason", "e-mail domain blocked.example is blocked").append("failureCode", "APPROVAL_REJECTED").append("decidedBy", "dec-b"),
                userDocument("op-d", name("op-d"), email("op-d"), "PENDING_APPROVAL", NOW.minusSeconds(9), NOW.minusSeconds(9)),
                // The user function approved e; that its operation had timed out by then is the operation function's business.
                new Document("_id", user("op-e")).append("operationId", "op-e").append("name", name("op-e")).append("state", "APPROVED")
                        .append("createdAt", date(CREATED)).append("updatedAt", date(PAST_DEADLINE.plusSeconds(1)))
                        .append("reason", "late").append("failureCode", null).append("decidedBy", "dec-e"),
                userDocument("op-h", "Hedy", "ada@example.com", "REJECTED", CREATED.plusSeconds(1), CREATED.plusSeconds(1))
                        .append("reason", "e-mail address ada@example.com is already in use").append("failureCode", "EMAIL_TAKEN")
                        .append("decidedBy", "req-h")));
        users.getCollection("emails").insertMany(List.of(new Document("_id", "ada@example.com").append("operationId", "op-a"),
                new Document("_id", "dora@example.com").append("operationId", "op-d")));
    }

    private static Document operation(String op, String state, Instant updatedAt, Instant deadline) {
        Document operation = new Document("_id", op).append("type", "user.create").append("state", state).append("name", name(op));
        if (email(op) != null) {
            operation.append("email", email(op));
        }
        return operation.append("createdAt", date(CREATED)).append("updatedAt", date(updatedAt)).append("deadline", date(deadline));
    }

    private static Document userDocument(String op, String name, String email, String state, Instant createdAt, Instant updatedAt) {
        return new Document("_id", user(op)).append("operationId", op).append("name", name).append("email", email).append("state", state)
                .append("createdAt", date(createdAt)).append("updatedAt", date(updatedAt));
    }

    private static String name(String op) {
        return Map.of("op-a", "Ada", "op-b", "Bob", "op-c", "Cy", "op-d", "Dora", "op-e", "Eve", "op-f", "Fay").get(op);
    }

    private static String email(String op) {
        return switch (op) {
            case "op-a" -> "ada@example.com";
            case "op-b" -> "bob@blocked.example";
            case "op-d" -> "dora@example.com";
            default -> null;
        };
    }

    private static String user(String op) {
        return EventIds.userIdFor(op);
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }

    private static void send(Topic topic, BatonEventType type, String id, BatonFunction source, BatonPayload payload, Instant time) {
        try {
            CloudEvent event = CloudEventBuilder.v1().withId(id).withType(type.type()).withSource(source.source())
                    .withSubject(payload.operationId()).withExtension("partitionkey", payload.operationId())
                    .withTime(time.atOffset(ZoneOffset.UTC)).withDataContentType("application/json")
                    .withData(JSON.writeValueAsBytes(payload)).build();
            sendRaw(EventPublisher.toRecord(topic.topicName(), payload.operationId(), event));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendRaw(ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Document> liveDocuments(String database, String collection) {
        return documents(mongo.getDatabase(database), collection);
    }

    private static List<Document> documents(MongoDatabase database, String collection) {
        List<Document> documents = new ArrayList<>();
        database.getCollection(collection).find().sort(new Document("_id", 1)).into(documents);
        return documents;
    }

    private static Run rebuild(String... args) {
        return rebuildWith(Map.of("MONGODB_URI", mongoServer.connectionString()), args);
    }

    private static Run rebuildWith(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("rebuild"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        if (!env.containsKey("MONGODB_URI")) {
            all.addAll(List.of("--mongodb-uri", mongoServer.connectionString()));
        }
        int code = Replay.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }
}
