package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.local.replay.Replay;
import dev.baton.local.replay.ReplayException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./baton replay rebuild against the running saga: the views rebuilt from the events alone are the ones the
 * functions wrote, field for field, and --verify names a field changed by hand in the live view.
 */
class RebuildTest extends OnTheStack {

    @Test
    void rebuiltViewsAreTheLiveOnesAfterCompletedRejectedAndDuplicateEmailSignups() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String shared = "rebuild-" + tag + "@example.com";
        List<String> operations = new ArrayList<>();
        operations.add(signup("{\"name\":\"Rebuild Approved\",\"email\":\"" + shared + "\"}", null, "COMPLETED"));
        operations.add(signup("{\"name\":\"Rebuild Blocked\",\"email\":\"rebuild-" + tag + "@blocked.example\"}", null, "FAILED"));
        // The address is held by the first signup: this one is rejected with EMAIL_TAKEN, a decision the rebuild must not re-make.
        operations.add(signup("{\"name\":\"Rebuild Second\",\"email\":\"" + shared.toUpperCase() + "\"}", null, "FAILED"));
        String key = "rebuild-key-" + tag;
        String keyed = "{\"name\":\"Rebuild Keyed\",\"email\":\"rebuild-keyed-" + tag + "@example.com\"}";
        operations.add(signup(keyed, key, "COMPLETED"));
        assertEquals(operations.get(3), signup(keyed, key, "COMPLETED"), "a retried POST is the same operation");
        // The original demo's route: a signup without e-mail.
        Api.Response legacy = api.post("/operation/create/user-create", "{\"name\": \"rebuild-" + tag + "\"}");
        assertEquals(200, legacy.status(), String.valueOf(legacy.body()));
        String legacyId = legacy.body().get("uuid").asText();
        assertEquals("COMPLETED", api.get("/operations/" + legacyId + "?wait=30s").body().get("state").asText());
        operations.add(legacyId);
        KafkaState.awaitAllConsumed(stack.kafkaBootstrapServers());
        assertEquals("EMAIL_TAKEN", api.get("/operations/" + operations.get(2)).body().get("error").get("code").asText());

        String operationsInto = "rebuilt_operations_" + tag;
        Run ops = rebuild(operations, "operations", "--into", operationsInto, "--verify");
        assertEquals(0, ops.exitCode, ops::toString);
        assertTrue(ops.out.contains("operations: 5 live, 5 rebuilt, 0 difference(s)"), ops::toString);
        String usersInto = "rebuilt_users_" + tag;
        Run users = rebuild(operations, "users", "--into", usersInto, "--verify");
        assertEquals(0, users.exitCode, users::toString);
        assertTrue(users.out.contains("users: 5 live, 5 rebuilt, 0 difference(s)")
                && users.out.contains("emails: 2 live, 2 rebuilt, 0 difference(s)"), users::toString);

        // The same, read directly rather than through --verify: every document, every field.
        Bson byOperation = Filters.in("operationId", operations);
        assertEquals(documents(live(BatonFunction.OPERATION), "operations", Filters.in("_id", operations)),
                documents(mongo.getDatabase(operationsInto), "operations", Filters.in("_id", operations)));
        assertEquals(documents(live(BatonFunction.USER), "users", byOperation), documents(mongo.getDatabase(usersInto), "users", byOperation));
        assertEquals(documents(live(BatonFunction.USER), "emails", byOperation), documents(mongo.getDatabase(usersInto), "emails", byOperation));
        Document keyedOperation = mongo.getDatabase(operationsInto).getCollection("operations").find(Filters.eq("_id", operations.get(3))).first();
        assertEquals(key, keyedOperation.getString("idempotencyKey"), "the Idempotency-Key comes back from the event");

        // Idempotent: a second rebuild into the same database gives the same documents.
        Run again = rebuild(operations, "users", "--into", usersInto, "--verify");
        assertEquals(0, again.exitCode, again::toString);
    }

    @Test
    void verifyNamesTheDocumentAndFieldOfAViewChangedByHand() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String operation = signup("{\"name\":\"Rebuild Tampered\",\"email\":\"rebuild-tampered-" + tag + "@example.com\"}", null, "COMPLETED");
        KafkaState.awaitAllConsumed(stack.kafkaBootstrapServers());
        String userId = EventIds.userIdFor(operation);
        live(BatonFunction.USER).getCollection("users").updateOne(Filters.eq("_id", userId), Updates.set("name", "Changed By Hand"));

        Run run = rebuild(List.of(operation), "users", "--into", "rebuilt_tampered_" + tag, "--verify");

        assertEquals(ReplayException.VIEWS_DIFFER, run.exitCode, run::toString);
        assertTrue(run.out.contains("users " + userId + ": name: live 'Changed By Hand', rebuilt 'Rebuild Tampered'"), run::toString);
        assertTrue(run.out.contains("users: 1 live, 1 rebuilt, 1 difference(s)") && run.out.contains("emails: 1 live, 1 rebuilt, 0 difference(s)"),
                run::toString);
    }

    /** POSTs a signup (with an Idempotency-Key if given), waits until it is done and returns its operation id. */
    private static String signup(String json, String idempotencyKey, String expectedState) {
        Api.Response accepted = idempotencyKey == null ? api.post("/users", json) : api.post("/users", json, "Idempotency-Key", idempotencyKey);
        assertEquals(202, accepted.status(), String.valueOf(accepted.body()));
        JsonNode done = api.get(accepted.location() + "?wait=30s").body();
        assertEquals(expectedState, done.get("state").asText(), done.toString());
        return done.get("id").asText();
    }

    private static MongoDatabase live(BatonFunction function) {
        return mongo.getDatabase(function.databaseName().orElseThrow());
    }

    private static List<Document> documents(MongoDatabase database, String collection, Bson filter) {
        List<Document> documents = new ArrayList<>();
        database.getCollection(collection).find(filter).sort(new Document("_id", 1)).into(documents);
        // The live operation keeps the POST's span, the rebuilt one the request event's: the same trace.
        for (Document document : documents) {
            if (document.get("traceparent") instanceof String traceparent) {
                document.put("traceparent", "trace " + traceparent.split("-")[1]);
            }
        }
        return documents;
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private static Run rebuild(List<String> operations, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("rebuild"));
        all.addAll(List.of(args));
        operations.forEach(id -> all.addAll(List.of("--operation", id)));
        all.addAll(List.of("--bootstrap-servers", stack.kafkaBootstrapServers(), "--mongodb-uri", stack.mongoUri()));
        int code = Replay.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
