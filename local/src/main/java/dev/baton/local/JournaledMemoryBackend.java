package dev.baton.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory backend made durable by a {@link Journal}: the data lives in memory, where reads and
 * writes cost microseconds, and each write command that changed something is journaled before it
 * is acknowledged. At start the journal is replayed and then rewritten as a snapshot of the data,
 * so it holds the live documents plus the writes since the last start, not the whole history.
 *
 * <p>Writes are applied and journaled under one lock, so the journal's order is the order in which
 * they were applied: replaying the same commands on the same state gives the same documents. (A
 * write that generates values on the server, an upsert without an {@code _id}, would not: Baton's
 * writes all carry their ids.)
 */
final class JournaledMemoryBackend extends LocalMemoryBackend {
    private static final Logger LOG = LoggerFactory.getLogger(JournaledMemoryBackend.class);
    private static final Set<String> WRITES = Set.of(
            "insert", "update", "delete", "findandmodify", "createindexes", "dropindexes", "drop", "dropdatabase", "create");
    private static final int SNAPSHOT_BATCH = 1000;

    private final Journal journal;
    private final Object writeLock = new Object();

    JournaledMemoryBackend(Journal journal) {
        this.journal = journal;
        Channel replay = new EmbeddedChannel();
        long[] failed = {0};
        long replayed = journal.replay(entry -> {
            Document reply = super.handleCommand(replay, entry.database(), entry.commandName(), entry.command());
            if (!isOk(reply)) {
                failed[0]++;
            }
        });
        if (failed[0] > 0) {
            LOG.warn("journal {}: {} of {} writes failed again on replay", journal.file(), failed[0], replayed);
        }
        journal.rewrite(this::snapshot);
        LOG.info("journal {}: replayed {} writes, snapshot of {} entries", journal.file(), replayed, journal.entries());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        synchronized (writeLock) {
            Document reply = super.handleCommand(channel, databaseName, command, query);
            if (changedSomething(command, reply)) {
                journal.append(databaseName, query);
            }
            return reply;
        }
    }

    @Override
    public void close() {
        super.close();
        journal.close();
    }

    /** The data as writes: for each collection, its secondary indexes, then its documents in batches. */
    private void snapshot(Consumer<Journal.Entry> out) {
        for (String databaseName : List.copyOf(listDatabaseNames())) {
            MongoDatabase database = resolveDatabase(databaseName);
            Document listing = database.handleCommand(new EmbeddedChannel(), "listCollections",
                    new Document("listCollections", 1), this::resolveDatabase, oplog);
            @SuppressWarnings("unchecked")
            List<Document> collections = (List<Document>) ((Document) listing.get("cursor")).get("firstBatch");
            for (Document description : collections) {
                String name = (String) description.get("name");
                MongoCollection<?> collection = database.resolveCollection(name, false);
                if (collection != null) {
                    snapshotCollection(databaseName, collection, out);
                }
            }
        }
    }

    private static void snapshotCollection(String databaseName, MongoCollection<?> collection, Consumer<Journal.Entry> out) {
        String name = collection.getCollectionName();
        out.accept(new Journal.Entry(databaseName, new Document("create", name)));
        List<Document> indexes = new ArrayList<>();
        for (Index<?> index : collection.getIndexes()) {
            if (!"_id_".equals(index.getName())) {
                indexes.add(index.toIndexDescription());
            }
        }
        if (!indexes.isEmpty()) {
            out.accept(new Journal.Entry(databaseName, new Document("createIndexes", name).append("indexes", indexes)));
        }
        List<Document> batch = new ArrayList<>(SNAPSHOT_BATCH);
        for (Document document : collection.queryAll()) {
            batch.add(document);
            if (batch.size() == SNAPSHOT_BATCH) {
                out.accept(insert(databaseName, name, batch));
                batch = new ArrayList<>(SNAPSHOT_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            out.accept(insert(databaseName, name, batch));
        }
    }

    private static Journal.Entry insert(String databaseName, String collection, List<Document> documents) {
        return new Journal.Entry(databaseName, new Document("insert", collection).append("ordered", true).append("documents", documents));
    }

    /** Only what changed the data is journaled: a conditional update that matched nothing is not. */
    private static boolean changedSomething(String command, Document reply) {
        if (!isOk(reply)) {
            return false;
        }
        return switch (command.toLowerCase(Locale.ROOT)) {
            case "insert", "delete" -> count(reply.get("n")) > 0;
            case "update" -> count(reply.get("n")) > 0 || reply.get("upserted") != null;
            case "findandmodify" -> reply.get("lastErrorObject") instanceof Document last && count(last.get("n")) > 0;
            default -> true;
        };
    }

    private static boolean isOk(Document reply) {
        return reply != null && reply.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
    }

    private static long count(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }
}
