package dev.baton.local.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Small helpers on records: where one sits, how a dry run prints it, and a dead letter turned back into its original. */
final class Records {
    /** What {@code DeadLetters} adds, plus the KafkaSource position the failed delivery carried: all removed on a redrive. */
    static final Set<String> DEAD_LETTER_HEADERS = Set.of("ce_knativeerrorcode", "ce_knativeerrordest", "ce_knativeerrordata",
            "ce_batonerrorreason", "ce_batonattempts", "ce_batonsourcetopic", "ce_batonsourcepartition", "ce_batonsourceoffset",
            "ce_knativekafkapartition", "ce_knativekafkaoffset");

    private Records() {
    }

    static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    static String line(ConsumerRecord<String, byte[]> record) {
        return String.format("%-28s %-24s %-36s %-34s %s", position(record),
                Instant.ofEpochMilli(record.timestamp()), Selection.header(record, "ce_id"),
                Selection.header(record, "ce_type"), Selection.header(record, "ce_subject"));
    }

    static String heading() {
        return String.format("%-28s %-24s %-36s %-34s %s", "topic/partition@offset", "time", "id", "type", "subject");
    }

    /**
     * The record the dead letter was made from: its source topic, partition and offset from the
     * batonsource* extensions, and its headers without Baton's error extensions. A dead letter without
     * them (not written by Baton) goes back to the topic its .dlq name points at.
     */
    static ConsumerRecord<String, byte[]> original(ConsumerRecord<String, byte[]> deadLetter) {
        String topic = Selection.header(deadLetter, "ce_batonsourcetopic");
        if (topic == null) {
            topic = deadLetter.topic().endsWith(".dlq") ? deadLetter.topic().substring(0, deadLetter.topic().length() - 4) : deadLetter.topic();
        }
        int partition = parse(Selection.header(deadLetter, "ce_batonsourcepartition"), deadLetter.partition());
        long offset = parse(Selection.header(deadLetter, "ce_batonsourceoffset"), deadLetter.offset());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!DEAD_LETTER_HEADERS.contains(header.key())) {
                headers.add(header);
            }
        }
        return new ConsumerRecord<>(topic, partition, offset, deadLetter.timestamp(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, deadLetter.key(), deadLetter.value(), headers, Optional.empty());
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parse(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
