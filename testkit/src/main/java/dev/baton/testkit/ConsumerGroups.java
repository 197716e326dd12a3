package dev.baton.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How far a function's consumer group has got: what a test waits on before it reads what the function wrote. */
public final class ConsumerGroups {
    private ConsumerGroups() {
    }

    /**
     * Waits until {@code group} has committed, on every partition of {@code topic}, exactly the end offset:
     * everything written so far was handled (or dead-lettered) and acknowledged to the broker.
     */
    public static Map<TopicPartition, Long> awaitCommittedToEnd(String bootstrap, String group, String topic) {
        Map<TopicPartition, Long> result = new HashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(30, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (TopicPartition partition : partitions) {
                    long end = ends.get(partition);
                    OffsetAndMetadata commit = committed.get(partition);
                    // A partition nothing was ever written to has no commit; that is caught up too.
                    long at = commit == null ? 0 : commit.offset();
                    assertEquals(end, at, "committed offset of " + group + " on " + partition);
                }
                assertTrue(ends.values().stream().mapToLong(Long::longValue).sum() > 0, "nothing was ever written to " + topic);
                result.clear();
                result.putAll(ends);
            });
        }
        return result;
    }
}
