package dev.baton.local;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's memory backend with the two patches Baton needs, each for a reason:
 * <ul>
 *   <li>{@link SessionCommands}: micronaut-data-mongodb runs its operations in client sessions, which
 *       the driver refuses to start against a server that does not advertise them, as the library does not;</li>
 *   <li>{@link IndexLookup}: the library uses an index only for a query on exactly the index's
 *       fields, so every conditional update of the saga ({@code {_id, state: PENDING}}) would scan
 *       its whole collection, and each signup would cost more the more signups came before it.</li>
 * </ul>
 * {@link JournaledMemoryBackend} adds durability on top; both run under {@code ./baton up} and the tests.
 */
class LocalMemoryBackend extends MemoryBackend {

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return SessionCommands.handle(command,
                () -> super.handleCommand(channel, databaseName, command, query),
                () -> super.handleCommand(channel, databaseName, "ismaster", query));
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {

        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry);
        }
    }

    private static final class Collection extends MemoryCollection {

        Collection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            Iterable<Integer> candidates = IndexLookup.candidates(getIndexes(), query);
            if (candidates == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
