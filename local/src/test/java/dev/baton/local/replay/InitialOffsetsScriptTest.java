package dev.baton.local.replay;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The managed-Kafka mode of knative/platform/commit-initial-offsets.sh, run as a user runs it, against
 * a real broker: afterwards every consumer group of the contract has a committed offset, the log
 * start, on every partition of every topic it consumes, so KEDA sees lag 0 on idle partitions.
 */
class InitialOffsetsScriptTest {

    @Test
    void commitsTheLogStartForEveryGroupAndPartitionOfTheContract() throws Exception {
        List<String> topics = Stream.of(Topic.values()).map(Topic::topicName).toList();
        ReplayKafka.kafka().createTopics(topics, ReplayKafka.PARTITIONS);
        // A record on one partition, so "earliest" is checked against a log that is not empty.
        Instant now = Instant.now();
        ReplayKafka.write("user-approve", ReplayKafka.event("io-1", "dev.baton.user.approval.requested", "op-io", now), now);

        Path script = Path.of("..").toAbsolutePath().normalize().resolve("knative/platform/commit-initial-offsets.sh");
        assertTrue(Files.isRegularFile(script), script.toString());
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "--bootstrap-servers", ReplayKafka.bootstrap())
                .redirectErrorStream(true);
        // The tool from the test classpath, so the test needs no packaged jar.
        builder.environment().put("BATON_REPLAY_CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not finish: " + output);
        assertEquals(0, process.exitValue(), output);

        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", ReplayKafka.bootstrap()))) {
            for (BatonFunction function : BatonFunction.values()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(function.consumerGroup())
                        .partitionsToOffsetAndMetadata().get();
                for (Topic topic : function.consumes()) {
                    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                    for (int p = 0; p < ReplayKafka.PARTITIONS; p++) {
                        earliest.put(new TopicPartition(topic.topicName(), p), OffsetSpec.earliest());
                    }
                    var start = admin.listOffsets(earliest).all().get();
                    for (TopicPartition partition : earliest.keySet()) {
                        OffsetAndMetadata offset = committed.get(partition);
                        assertTrue(offset != null, function.consumerGroup() + " has no offset on " + partition + "\n" + output);
                        assertEquals(start.get(partition).offset(), offset.offset(), function.consumerGroup() + " " + partition);
                    }
                }
            }
        }
    }
}
