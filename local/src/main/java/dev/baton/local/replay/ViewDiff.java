package dev.baton.local.replay;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every difference between a live collection and its rebuilt copy, document by document (by _id) and field
 * by field. A field that is absent and one that is null are the same to the functions, so they are equal here.
 */
final class ViewDiff {
    /** One difference: a document only on one side ({@code field} null), or a field whose values differ. */
    record Difference(String collection, Object id, String field, Object live, Object rebuilt) {
        String line() {
            if (field == null) {
                return collection + " " + id + ": only in the " + (live != null ? "live" : "rebuilt") + " view";
            }
            return collection + " " + id + ": " + field + ": live " + show(live) + ", rebuilt " + show(rebuilt);
        }

        private static String show(Object value) {
            if (value == null) {
                return "(none)";
            }
            return value instanceof java.util.Date date ? date.toInstant().toString() : "'" + value + "'";
        }
    }

    /** How one collection compared. */
    record Result(String collection, long live, long rebuilt, List<Difference> differences) {
    }

    private ViewDiff() {
    }

    static Result compare(String collection, MongoCollection<Document> live, MongoCollection<Document> rebuilt, Bson scope) {
        Map<String, Document> liveDocs = byId(live, scope);
        Map<String, Document> rebuiltDocs = byId(rebuilt, scope);
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(liveDocs.keySet());
        ids.addAll(rebuiltDocs.keySet());
        for (String id : ids) {
            Document before = liveDocs.get(id);
            Document after = rebuiltDocs.get(id);
            if (before == null || after == null) {
                differences.add(new Difference(collection, id, null, before, after));
                continue;
            }
            TreeSet<String> fields = new TreeSet<>(before.keySet());
            fields.addAll(after.keySet());
            for (String field : fields) {
                if (!same(field, before.get(field), after.get(field))) {
                    differences.add(new Difference(collection, id, field, before.get(field), after.get(field)));
                }
            }
        }
        return new Result(collection, liveDocs.size(), rebuiltDocs.size(), differences);
    }

    /**
     * A W3C traceparent is compared by its trace id: the live view keeps the span of the POST, which no
     * event carries, and the rebuild the request event's span of the same trace.
     */
    private static boolean same(String field, Object live, Object rebuilt) {
        if ("traceparent".equals(field) && live instanceof String a && rebuilt instanceof String b) {
            return traceId(a).equals(traceId(b));
        }
        return Objects.equals(live, rebuilt);
    }

    private static String traceId(String traceparent) {
        String[] parts = traceparent.split("-");
        return parts.length > 1 ? parts[1] : traceparent;
    }

    private static Map<String, Document> byId(MongoCollection<Document> collection, Bson scope) {
        Map<String, Document> documents = new TreeMap<>();
        for (Document document : scope == null ? collection.find() : collection.find(scope)) {
            Document withoutNulls = new Document(new LinkedHashMap<>(document));
            withoutNulls.values().removeIf(Objects::isNull);
            documents.put(String.valueOf(document.get("_id")), withoutNulls);
        }
        return documents;
    }
}
