package dev.baton.local.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the selected records with a group-less consumer (assign and seek, never a commit, so no
 * function's offsets move): from the offset of {@code --since} or the start, up to the end offsets as
 * they were when reading began, so records written meanwhile (e.g. by the replay itself) are not read.
 */
final class RecordReader {
    private RecordReader() {
    }

    static List<ConsumerRecord<String, byte[]>> read(Brokers brokers, Selection selection) {
        brokers.requireTopic(selection.topic());
        Properties props = brokers.settings().clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "baton-replay");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, selection);
            Map<TopicPartition, Long> start = new HashMap<>(consumer.beginningOffsets(partitions));
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            if (selection.since() != null) {
                checkRetention(consumer, selection, start);
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(p -> times.put(p, selection.since().toEpochMilli()));
                for (Map.Entry<TopicPartition, OffsetAndTimestamp> found : consumer.offsetsForTimes(times).entrySet()) {
                    start.put(found.getKey(), found.getValue() == null ? end.get(found.getKey()) : found.getValue().offset());
                }
            }
            for (TopicPartition partition : partitions) {
                if (selection.fromOffset() != null) {
                    start.put(partition, Math.max(start.get(partition), selection.fromOffset()));
                }
                if (selection.toOffset() != null) {
                    end.put(partition, Math.min(end.get(partition), selection.toOffset() + 1));
                }
            }
            return readRange(consumer, selection, start, end);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, Selection selection) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(selection.topic())) {
            if (selection.partition() == null || selection.partition() == info.partition()) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        if (partitions.isEmpty()) {
            throw ReplayException.usage("topic " + selection.topic() + " has no partition " + selection.partition());
        }
        return partitions;
    }

    /**
     * A {@code --since} earlier than what retention left on a partition that lost records would silently
     * replay less than asked for; say so, with the earliest time that can be had.
     */
    private static void checkRetention(KafkaConsumer<String, byte[]> consumer, Selection selection, Map<TopicPartition, Long> start) {
        Map<TopicPartition, Long> truncated = new HashMap<>();
        start.forEach((partition, offset) -> {
            if (offset > 0) {
                truncated.put(partition, 0L);
            }
        });
        if (truncated.isEmpty()) {
            return;
        }
        Instant earliest = null;
        for (OffsetAndTimestamp first : consumer.offsetsForTimes(truncated).values()) {
            if (first != null && (earliest == null || first.timestamp() > earliest.toEpochMilli())) {
                earliest = Instant.ofEpochMilli(first.timestamp());
            }
        }
        if (earliest != null && selection.since().isBefore(earliest)) {
            throw new ReplayException(ReplayException.BEFORE_RETENTION, "--since " + selection.since()
                    + " is before the retention of topic " + selection.topic()
                    + ": older records were deleted, and the earliest time available on every partition is " + earliest
                    + ".\n  Use --since " + earliest + " or later, or leave --since out to take everything that is left.");
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readRange(KafkaConsumer<String, byte[]> consumer, Selection selection,
                                                                  Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
        List<TopicPartition> pending = new ArrayList<>();
        start.forEach((partition, offset) -> {
            if (offset < end.get(partition)) {
                pending.add(partition);
            }
        });
        List<ConsumerRecord<String, byte[]>> selected = new ArrayList<>();
        if (pending.isEmpty()) {
            return selected;
        }
        consumer.assign(pending);
        pending.forEach(p -> consumer.seek(p, start.get(p)));
        long idleSince = System.nanoTime();
        while (!pending.isEmpty()) {
            var records = consumer.poll(Duration.ofMillis(500));
            if (records.isEmpty() && System.nanoTime() - idleSince > Duration.ofSeconds(Brokers.CONNECT_SECONDS).toNanos()) {
                throw new ReplayException(ReplayException.UNREACHABLE, "reading " + selection.topic() + " stalled for "
                        + Brokers.CONNECT_SECONDS + " s with " + pending + " not read to their end; is the broker still up?");
            }
            if (!records.isEmpty()) {
                idleSince = System.nanoTime();
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(partition) && selection.matches(record)) {
                    selected.add(record);
                }
            }
            // Done with a partition once its position reached the end as it was at the start: transaction
            // markers and compacted gaps mean the last record's offset may never equal end - 1.
            List<TopicPartition> done = pending.stream().filter(p -> consumer.position(p) >= end.get(p)).toList();
            consumer.pause(done);
            pending.removeAll(done);
        }
        selected.sort(Comparator.comparingLong((ConsumerRecord<String, byte[]> r) -> r.timestamp())
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        return selection.limit() == null || selected.size() <= selection.limit() ? selected : new ArrayList<>(selected.subList(0, selection.limit()));
    }
}
