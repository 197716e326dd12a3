package dev.baton.local.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which records of a topic to take: a partition and offset range, a time range on the record timestamp
 * ({@code since} inclusive, {@code until} exclusive), CloudEvent types, operation ids (the record key or
 * the {@code ce_subject}), and at most {@code limit} of them, the earliest first.
 */
record Selection(String topic, Integer partition, Long fromOffset, Long toOffset, Instant since, Instant until,
                 Set<String> types, Set<String> operationIds, Integer limit) {

    static final String TYPE_PREFIX = "dev.baton.";

    static Selection from(String topic, Args args) {
        Long limit = args.longValue("limit");
        if (limit != null && limit < 1) {
            throw ReplayException.usage("--limit needs a number of 1 or more");
        }
        Selection selection = new Selection(topic, args.longValue("partition") == null ? null : Math.toIntExact(args.longValue("partition")),
                args.longValue("from-offset"), args.longValue("to-offset"), args.instant("since"), args.instant("until"),
                Set.copyOf(args.all("type").stream().map(Selection::fullType).toList()),
                Set.copyOf(args.all("operation")), limit == null ? null : Math.toIntExact(limit));
        if (selection.since != null && selection.until != null && !selection.since.isBefore(selection.until)) {
            throw ReplayException.usage("--since " + selection.since + " is not before --until " + selection.until);
        }
        return selection;
    }

    static Selection everything(String topic) {
        return new Selection(topic, null, null, null, null, null, Set.of(), Set.of(), null);
    }

    /** {@code user.create.requested} is short for {@code dev.baton.user.create.requested}. */
    static String fullType(String type) {
        return type.startsWith(TYPE_PREFIX) || !type.startsWith("user.") ? type : TYPE_PREFIX + type;
    }

    boolean matches(ConsumerRecord<String, byte[]> record) {
        if (until != null && record.timestamp() >= until.toEpochMilli()) {
            return false;
        }
        if (since != null && record.timestamp() < since.toEpochMilli()) {
            return false;
        }
        if (!types.isEmpty() && !contains(types, header(record, "ce_type"))) {
            return false;
        }
        return operationIds.isEmpty() || contains(operationIds, record.key()) || contains(operationIds, header(record, "ce_subject"));
    }

    /** A record that is no CloudEvent has no ce_ headers, and may have no key; Set.of(...) refuses to look up null. */
    private static boolean contains(Set<String> values, String value) {
        return value != null && values.contains(value);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    List<String> describe() {
        List<String> parts = new java.util.ArrayList<>();
        if (partition != null) parts.add("partition " + partition);
        if (fromOffset != null || toOffset != null) parts.add("offsets " + (fromOffset == null ? "first" : fromOffset) + ".." + (toOffset == null ? "last" : toOffset));
        if (since != null) parts.add("since " + since);
        if (until != null) parts.add("until " + until);
        if (!types.isEmpty()) parts.add("type " + String.join(",", types));
        if (!operationIds.isEmpty()) parts.add("operation " + String.join(",", operationIds));
        if (limit != null) parts.add("limit " + limit);
        return parts;
    }
}
