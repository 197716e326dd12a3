package dev.baton.local;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 (MVStore file) backend with session support, index lookups for conditional queries,
 * and unique indexes that compare keys without serializing them.
 */
final class LocalH2Backend extends H2Backend {

    // H2Database's own names for a collection's maps, so files written by the plain backend stay readable.
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";

    // MVStore's default 16 MiB page cache holds only a few ten thousand documents; past that, random
    // lookups by id read and deserialize pages from the file again.
    private static final int CACHE_MEGABYTES = 256;

    LocalH2Backend(String fileName) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MEGABYTES).open());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return SessionCommands.handle(command,
                () -> super.handleCommand(channel, databaseName, command, query),
                () -> super.handleCommand(channel, databaseName, "ismaster", query));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    /**
     * An inner class on purpose: H2Database opens the existing collections from its constructor,
     * before any field of a subclass is set, but the outer instance (and its MVStore) is already there.
     */
    private final class Database extends H2Database {

        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, getMvStore(), cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVMap<KeyValue, Object> map = getMvStore().openMap(keyIndexMapName(collectionName, indexName),
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType()));
            return new H2KeyIndex(map, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(keyIndexMapName(collection.getCollectionName(), indexName));
        }

        /**
         * Not H2Database's name for the map of an index: a file written by the plain backend then has its
         * indexes rebuilt in our order when opened, instead of being searched in the wrong order.
         */
        private String keyIndexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._keyindex_" + indexName;
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = getMvStore().openMap(DATA_MAP_PREFIX + fullName);
            MVMap<String, Object> metaMap = getMvStore().openMap(META_MAP_PREFIX + fullName);
            return new Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                   MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            Iterable<Object> candidates = IndexLookup.candidates(getIndexes(), query);
            if (candidates == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
