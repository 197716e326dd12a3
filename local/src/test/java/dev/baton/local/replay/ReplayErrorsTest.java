package dev.baton.local.replay;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.local.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.baton.local.replay.ReplayKafka.event;
import static dev.baton.local.replay.ReplayKafka.replay;
import static dev.baton.local.replay.ReplayKafka.write;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each error gives a message that says what to do, and its own exit code; and the offset reset, dry run first. */
class ReplayErrorsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void unknownTopic() {
        ReplayKafka.Run run = replay("no-such-topic", "--dry-run");
        assertEquals(ReplayException.UNKNOWN_TOPIC, run.exitCode(), run::toString);
        assertTrue(run.err().contains("unknown topic 'no-such-topic'") && run.err().contains("Baton's topics are"), run::toString);
    }

    @Test
    void unreachableBroker() {
        ReplayKafka.Run run = replay("user-create", "--dry-run", "--bootstrap-servers", "127.0.0.1:" + FreePorts.find());
        assertEquals(ReplayException.UNREACHABLE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("cannot reach Kafka at 127.0.0.1:") && run.err().contains("KAFKA_BOOTSTRAP_SERVERS"), run::toString);
    }

    @Test
    void unreachableUrl() {
        String topic = ReplayKafka.topic("no-url");
        write(topic, event("n1", "dev.baton.user.create.requested", "op-n1", T0), T0);
        ReplayKafka.Run run = replay(topic, "--to-url", "http://127.0.0.1:" + FreePorts.find() + "/", "--retries", "1", "--backoff-ms", "10");
        assertEquals(ReplayException.UNREACHABLE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("cannot reach --to-url") && run.err().contains("Is the function running"), run::toString);
    }

    @Test
    void sinceBeforeRetentionNamesTheEarliestTimeAvailable() throws Exception {
        String topic = ReplayKafka.topic("retention");
        for (int i = 0; i < 6; i++) {
            Instant time = T0.plusSeconds(60L * i);
            write(topic, event("t" + i, "dev.baton.user.create.requested", "same-key", time), time);
        }
        int partition = ReplayKafka.readAll(topic).get(0).partition();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", ReplayKafka.bootstrap()))) {
            // What retention does: the first records are gone, the log now starts at offset 2 (record t2).
            admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(2))).all().get();
        }
        ReplayKafka.Run run = replay(topic, "--dry-run", "--since", T0.toString());
        assertEquals(ReplayException.BEFORE_RETENTION, run.exitCode(), run::toString);
        assertTrue(run.err().contains("is before the retention of topic " + topic) && run.err().contains(T0.plusSeconds(120).toString()), run::toString);

        ReplayKafka.Run later = replay(topic, "--dry-run", "--since", T0.plusSeconds(120).toString());
        assertEquals(0, later.exitCode(), later::toString);
        assertTrue(later.out().contains("would send 4 record(s)"), later::toString);
    }

    @Test
    void usageErrors() {
        assertEquals(ReplayException.USAGE, replay("user-create").exitCode());
        assertEquals(ReplayException.USAGE, replay("user-create", "--dry-run", "--since", "yesterday").exitCode());
        assertEquals(ReplayException.USAGE, replay("user-create", "--bogus").exitCode());
        assertEquals(ReplayException.USAGE, replay("--redrive", "user-create").exitCode());
        assertEquals(ReplayException.USAGE, replay("reset", "--function", "user").exitCode());
        ReplayKafka.Run help = replay("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("usage: ./baton replay") && help.out().contains("Exit codes"), help::toString);
    }

    @Test
    void resetRefusesAGroupWithMembersAndSaysHowToEmptyIt() {
        String topic = "user-approve";
        ReplayKafka.kafka().createTopics(List.of(topic), ReplayKafka.PARTITIONS);
        Map<String, Object> props = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ReplayKafka.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, BatonFunction.APPROVAL.consumerGroup()));
        try (KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            member.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });
            ReplayKafka.Run run = replay("reset", "--function", "approval", "--to-earliest", "--execute");
            assertEquals(ReplayException.GROUP_NOT_EMPTY, run.exitCode(), run::toString);
            assertTrue(run.err().contains("consumer group baton-approval is not empty") && run.err().contains("BATON_LOCAL_DELIVERY_FUNCTIONS=operation,user")
                    && run.err().contains("KafkaSource baton-approval"), run::toString);
        }
    }

    @Test
    void resetOfAnEmptyGroupPrintsThePlanAndMovesOnlyWithExecute() throws Exception {
        String topic = "user-create-response";
        ReplayKafka.kafka().createTopics(List.of(topic), ReplayKafka.PARTITIONS);
        for (int i = 0; i < 4; i++) {
            Instant time = T0.plusSeconds(60L * i);
            write(topic, event("g" + i, "dev.baton.user.create.completed", "op-g", time), time);
        }
        int partition = ReplayKafka.readAll(topic).get(0).partition();
        TopicPartition p = new TopicPartition(topic, partition);
        String group = BatonFunction.OPERATION.consumerGroup();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", ReplayKafka.bootstrap()))) {
            admin.alterConsumerGroupOffsets(group, Map.of(p, new OffsetAndMetadata(4))).all().get();

            ReplayKafka.Run dry = replay("reset", "--function", "operation", "--to-time", T0.plusSeconds(60).toString());
            assertEquals(0, dry.exitCode(), dry::toString);
            assertTrue(dry.out().contains("dry run") && dry.out().contains("--execute"), dry::toString);
            assertEquals(4, committed(admin, group, p));

            ReplayKafka.Run run = replay("reset", "--function", "operation", "--to-time", T0.plusSeconds(60).toString(), "--execute");
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(1, committed(admin, group, p), "the offset of the first record at or after the time");
        }
    }

    private static long committed(Admin admin, String group, TopicPartition partition) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition).offset();
    }
}
