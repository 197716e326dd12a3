package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.ErrorCategory;
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
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

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
        try (EmbeddedMongo mongo = EmbeddedMongo.h2File(dir.resolve("mongo.mv"), 0);
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
    void keepsUniqueKeysOfEveryTypeApartInH2() {
        try (EmbeddedMongo mongo = EmbeddedMongo.h2File(dir.resolve("mongo.mv"), 0);
             MongoClient client = MongoClients.create(mongo.connectionString() + "/?uuidRepresentation=standard")) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            List<Object> keys = List.of("a", "b", 1, 2.5, 3L, true, UUID.randomUUID(), new ObjectId(),
                    new Date(1000), new Document("nested", 1), List.of(7, 8));
            for (int i = 0; i < keys.size(); i++) {
                things.insertOne(new Document("_id", i).append("key", keys.get(i)));
            }
            things.insertOne(new Document("_id", "no key"));

            for (int i = 0; i < keys.size(); i++) {
                Object key = keys.get(i);
                assertEquals(i, things.find(Filters.eq("key", key)).first().getInteger("_id"), "find " + key);
                if (!(key instanceof List)) {
                    assertThrows(MongoWriteException.class, () -> things.insertOne(new Document("key", key)), "dup " + key);
                }
            }
            assertThrows(MongoWriteException.class, () -> things.insertOne(new Document("key", 1.0)), "1 and 1.0 are one key");
            assertThrows(MongoWriteException.class, () -> things.insertOne(new Document("_id", "also no key")),
                    "a missing key is null, and unique");
        }
    }

    @Test
    void rebuildsTheIndexesOfAFileWrittenByThePlainH2Backend() {
        Path file = dir.resolve("plain.mv");
        MongoServer plain = new MongoServer(new H2Backend(file.toString()));
        try (MongoClient client = MongoClients.create(plain.bindAndGetConnectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            for (int i = 0; i < 200; i++) {
                users.insertOne(new Document("_id", "u" + i).append("email", "user" + i + "@example.com"));
            }
        } finally {
            plain.shutdownNow();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.h2File(file, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            for (int i = 0; i < 200; i += 17) {
                assertEquals("u" + i, users.find(Filters.eq("email", "user" + i + "@example.com")).first().get("_id"));
                int taken = i;
                assertThrows(MongoWriteException.class,
                        () -> users.insertOne(new Document("email", "user" + taken + "@example.com")));
            }
            assertEquals(200, users.countDocuments());
        }
    }

    @Test
    void keepsDocumentsInTheH2FileAcrossARestart() {
        Path file = dir.resolve("data/mongo.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.h2File(file, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                users.insertOne(session, new Document("_id", "u1").append("email", "ada@example.com"));
                session.commitTransaction();
            }
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.h2File(file, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("user_service").getCollection("users");
            assertEquals("ada@example.com", users.find(Filters.eq("_id", "u1")).first().getString("email"));
            assertThrows(MongoWriteException.class,
                    () -> users.insertOne(new Document("_id", "u2").append("email", "ada@example.com")));
        }
    }
}
