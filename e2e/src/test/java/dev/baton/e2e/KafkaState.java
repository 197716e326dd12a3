package dev.baton.e2e;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Where the saga's consumers stand on the stack's broker: for tests that must wait until every event has been handled. */
final class KafkaState {
    private KafkaState() {
    }

    /** Every function's group has committed up to the end of every topic it consumes, and the ends stayed put. */
    static void awaitAllConsumed(String bootstrap) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Map<TopicPartition, Long> before = new HashMap<>();
            for (Topic topic : Topic.values()) {
                before.putAll(endOffsets(bootstrap, topic.topicName()));
            }
            for (BatonFunction function : BatonFunction.values()) {
                Map<TopicPartition, OffsetAndMetadata> committed = committed(bootstrap, function.consumerGroup());
                for (Topic topic : function.consumes()) {
                    for (Map.Entry<TopicPartition, Long> end : endOffsets(bootstrap, topic.topicName()).entrySet()) {
                        OffsetAndMetadata offset = committed.get(end.getKey());
                        if (end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
                            return false;
                        }
                    }
                }
            }
            Map<TopicPartition, Long> after = new HashMap<>();
            for (Topic topic : Topic.values()) {
                after.putAll(endOffsets(bootstrap, topic.topicName()));
            }
            return before.equals(after);
        });
    }

    static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String bootstrap, String group) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
