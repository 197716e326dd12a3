package dev.baton.local;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * mongo-java-server uses an index only when a query has exactly the index's fields, so
 * {@code {_id: x, status: "PENDING"}} (a conditional update) scans the whole collection.
 * This finds the candidates through any unique index whose fields the query pins to plain values;
 * the caller still matches every candidate against the full query, so results do not change.
 */
final class IndexLookup {

    private IndexLookup() {
    }

    /** @return the candidate positions, or null when the library already uses an index or no unique index applies */
    static <P> Iterable<P> candidates(List<Index<P>> indexes, Document query) {
        if (indexes.stream().anyMatch(index -> index.canHandle(query))) {
            return null;
        }
        Map<String, Object> equalities = new LinkedHashMap<>();
        collectEqualities(query, equalities);
        if (equalities.isEmpty()) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (!(index instanceof AbstractUniqueIndex)) {
                continue;
            }
            Document indexQuery = new Document();
            for (IndexKey key : index.getKeys()) {
                Object value = equalities.get(key.getKey());
                if (value == null) {
                    break;
                }
                indexQuery.put(key.getKey(), value);
            }
            if (indexQuery.size() == index.getKeys().size()) {
                return index.getPositions(indexQuery);
            }
        }
        return null;
    }

    private static void collectEqualities(Document query, Map<String, Object> equalities) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and") && value instanceof Collection) {
                for (Object clause : (Collection<?>) value) {
                    if (clause instanceof Document) {
                        collectEqualities((Document) clause, equalities);
                    }
                }
            } else if (!field.startsWith("$")) {
                Object pinned = pinnedValue(value);
                if (pinned != null) {
                    equalities.putIfAbsent(field, pinned);
                }
            }
        }
    }

    /** Only values an index key compares equal to; arrays, sub-documents and null have subtler semantics. */
    private static Object pinnedValue(Object value) {
        if (value instanceof Document) {
            Document operators = (Document) value;
            return operators.size() == 1 && operators.containsKey("$eq") ? pinnedValue(operators.get("$eq")) : null;
        }
        boolean plain = value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof ObjectId || value instanceof UUID || value instanceof Instant || value instanceof Date;
        return plain ? value : null;
    }
}
