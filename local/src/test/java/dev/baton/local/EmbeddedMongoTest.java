package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {
    private static final java.time.Duration SYNC = java.time.Duration.ofMillis(100);

    @TempDir
    Path dir;

    @Test
    void acknowledgesTransactionsOfASession() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                users.insertOne(session, new Document("_id", "u1").append("email", "ada@example.com"));
                session.commitTransaction();
            }
            try (ClientSession session = client.startSession()) {
                session.withTransaction(() -> users.insertOne(session, new Document("_id", "u2")));
                // An abort before any command of the transaction sends nothing to the server.
                session.startTransaction();
                session.abortTransaction();
            }
            assertEquals(2, users.countDocuments());
            assertEquals(SessionCommands.LOGICAL_SESSION_TIMEOUT_MINUTES,
                    client.getClusterDescription().getServerDescriptions().get(0).getLogicalSessionTimeoutMinutes());
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertEquals(Boolean.TRUE, hello.get("isWritablePrimary"));
        }
    }

    @Test
    void refusesToAbortATransactionItCannotRollBack() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCommandException refused = assertThrows(MongoCommandException.class,
                    () -> client.getDatabase("admin").runCommand(new Document("abortTransaction", 1)));
            assertEquals(20, refused.getErrorCode(), "IllegalOperation");
            assertTrue(refused.getErrorMessage().contains("no transactions"), refused.getErrorMessage());

            // What the refusal warns about: the driver ignores an abort's error (as its specification
            // says), and the write made in the transaction stays.
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                users.insertOne(session, new Document("_id", "not rolled back"));
                session.abortTransaction();
            }
            assertEquals(1, users.countDocuments(Filters.eq("_id", "not rolled back")));
        }
    }

    @Test
    void rejectsADuplicateOfAUniqueIndex() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            users.insertOne(new Document("_id", "u1").append("email", "ada@example.com"));

            MongoWriteException duplicate = assertThrows(MongoWriteException.class,
                    () -> users.insertOne(new Document("_id", "u2").append("email", "ada@example.com")));

            assertEquals(ErrorCategory.DUPLICATE_KEY, ErrorCategory.fromErrorCode(duplicate.getCode()));
            assertTrue(users.listIndexes().into(new java.util.ArrayList<>()).stream()
                    .anyMatch(index -> Boolean.TRUE.equals(index.get("unique"))));
        }
    }

    @Test
    void updatesOnlyWhenTheFilterStillMatches() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> operations = client.getDatabase("operation_service").getCollection("operations");
            operations.insertOne(new Document("_id", "op1").append("status", "PENDING"));

            UpdateResult first = operations.updateOne(
                    Filters.and(Filters.eq("_id", "op1"), Filters.eq("status", "PENDING")), Updates.set("status", "DONE"));
            UpdateResult second = operations.updateOne(
                    Filters.and(Filters.eq("_id", "op1"), Filters.eq("status", "PENDING")), Updates.set("status", "FAILED"));

            assertEquals(1, first.getMatchedCount());
            assertEquals(1, first.getModifiedCount());
            assertEquals(0, second.getMatchedCount());
            assertEquals("DONE", operations.find(Filters.eq("_id", "op1")).first().getString("status"));
        }
    }

    @Test
    void findsThroughAUniqueIndexWhenTheQueryHasMoreFields() {
        try (EmbeddedMongo mongo = EmbeddedMongo.journaled(dir.resolve("mongo.journal"), SYNC, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            users.insertOne(new Document("_id", "u1").append("email", "ada@example.com").append("status", "PENDING"));
            users.insertOne(new Document("_id", "u2").append("email", "bob@example.com").append("status", "DONE"));

            assertEquals(1, users.countDocuments(new Document("email", "ada@example.com").append("status", "PENDING")));
            assertEquals(0, users.countDocuments(new Document("email", "ada@example.com").append("status", "DONE")));
            assertEquals(0, users.countDocuments(Filters.and(Filters.eq("_id", "u1"), Filters.eq("_id", "u2"))));
            assertEquals(1, users.countDocuments(new Document("$and", List.of(
                    new Document("_id", new Document("$eq", "u2")), new Document("status", "DONE")))));
            assertEquals(1, users.deleteOne(new Document("_id", "u2").append("status", "DONE")).getDeletedCount());
            assertEquals(1, users.countDocuments());
        }
    }

    @Test
    void keepsEveryKindOfWriteAcrossARestart() {
        Path journal = dir.resolve("data/mongo.journal");
        List<Object> keys = List.of("a", "b", 1, 2.5, 3L, true, UUID.randomUUID(), new ObjectId(),
                new Date(1000), new Document("nested", 1), List.of(7, 8));
        try (EmbeddedMongo mongo = EmbeddedMongo.journaled(journal, SYNC, 0);
             MongoClient client = MongoClients.create(mongo.connectionString() + "/?uuidRepresentation=standard")) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            for (int i = 0; i < keys.size(); i++) {
                things.insertOne(new Document("_id", i).append("key", keys.get(i)));
            }
            things.updateOne(Filters.eq("_id", 0), Updates.set("state", "DONE"));
            things.updateOne(Filters.and(Filters.eq("_id", 1), Filters.eq("state", "DONE")), Updates.set("state", "NEVER"));
            things.findOneAndUpdate(Filters.eq("_id", 2), Updates.set("state", "FOUND"));
            things.deleteOne(Filters.eq("_id", 3));
            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                things.insertOne(session, new Document("_id", "in a session").append("key", "s"));
                session.commitTransaction();
            }
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.journaled(journal, SYNC, 0);
             MongoClient client = MongoClients.create(mongo.connectionString() + "/?uuidRepresentation=standard")) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            assertEquals(keys.size(), things.countDocuments(), "11 inserted, one deleted, one in a session");
            assertEquals("DONE", things.find(Filters.eq("_id", 0)).first().getString("state"));
            assertEquals(null, things.find(Filters.eq("_id", 1)).first().getString("state"));
            assertEquals("FOUND", things.find(Filters.eq("_id", 2)).first().getString("state"));
            assertEquals(0, things.countDocuments(Filters.eq("_id", 3)));
            for (int i = 0; i < keys.size(); i++) {
                if (i != 3) {
                    assertEquals(i, things.find(Filters.eq("key", keys.get(i))).first().getInteger("_id"), "find " + keys.get(i));
                }
            }
            assertThrows(MongoWriteException.class, () -> things.insertOne(new Document("key", "a")),
                    "the unique index came back with the data");
        }
    }

    @Test
    void survivesAKillWithoutClose() throws Exception {
        Path journal = dir.resolve("mongo.journal");
        EmbeddedMongo killed = EmbeddedMongo.journaled(journal, SYNC, 0);
        try (MongoClient client = MongoClients.create(killed.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            for (int i = 0; i < 100; i++) {
                users.insertOne(new Document("_id", "u" + i));
            }
        }
        // No close: what a kill -9 leaves is what the journal had when each write was acknowledged.
        byte[] leftBehind = java.nio.file.Files.readAllBytes(journal);
        Path copy = dir.resolve("copy/mongo.journal");
        java.nio.file.Files.createDirectories(copy.getParent());
        java.nio.file.Files.write(copy, leftBehind);
        killed.close();

        try (EmbeddedMongo mongo = EmbeddedMongo.journaled(copy, SYNC, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertEquals(100, client.getDatabase("user_service").getCollection("users").countDocuments());
        }
    }

    @Test
    void cutsOffATornLastWrite() throws Exception {
        Path journal = dir.resolve("mongo.journal");
        try (EmbeddedMongo mongo = EmbeddedMongo.journaled(journal, SYNC, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            users.insertOne(new Document("_id", "kept"));
            users.insertOne(new Document("_id", "torn"));
        }
        long size = java.nio.file.Files.size(journal);
        try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(journal, java.nio.file.StandardOpenOption.WRITE)) {
            file.truncate(size - 3);
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.journaled(journal, SYNC, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            assertEquals(1, users.countDocuments(), "the torn write is gone, the one before it kept");
            assertEquals(1, users.countDocuments(Filters.eq("_id", "kept")));
            users.insertOne(new Document("_id", "after"));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.journaled(journal, SYNC, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertEquals(2, client.getDatabase("user_service").getCollection("users").countDocuments(),
                    "writes after the cut are appended to an intact journal");
        }
    }
}
