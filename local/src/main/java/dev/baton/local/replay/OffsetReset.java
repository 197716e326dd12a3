package dev.baton.local.replay;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Moves a function's consumer group (the one its KafkaSource and local delivery share) to a time, an
 * offset, the start or the end of its topics. Without --execute it only prints the plan. Kafka changes
 * the offsets of an empty group only, so a group with members is refused with how to empty it.
 */
final class OffsetReset {
    /** Where to move to: exactly one of the four. */
    record To(Instant time, Long offset, boolean earliest, boolean latest) {
        static To from(Args args) {
            To to = new To(args.instant("to-time"), args.longValue("to-offset"), args.has("to-earliest"), args.has("to-latest"));
            int given = (to.time == null ? 0 : 1) + (to.offset == null ? 0 : 1) + (to.earliest ? 1 : 0) + (to.latest ? 1 : 0);
            if (given != 1) {
                throw ReplayException.usage("reset needs exactly one of --to-time T, --to-offset N, --to-earliest, --to-latest");
            }
            return to;
        }

        String describe() {
            return time != null ? "time " + time : offset != null ? "offset " + offset : earliest ? "the earliest offset" : "the latest offset";
        }
    }

    private final Brokers brokers;
    private final PrintStream out;

    OffsetReset(Brokers brokers, PrintStream out) {
        this.brokers = brokers;
        this.out = out;
    }

    int run(BatonFunction function, List<String> topics, Integer partition, To to, boolean execute) {
        String group = function.consumerGroup();
        topics.forEach(brokers::requireTopic);
        Map<TopicPartition, Long> target = targets(topics, partition, to);
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        out.println((execute ? "resetting" : "dry run: would reset") + " consumer group " + group + " (the " + function.functionName()
                + " function's, shared by its KafkaSource and local delivery) to " + to.describe() + ":");
        out.printf("  %-28s %12s %12s%n", "topic/partition", "committed", "new");
        target.keySet().stream()
                .sorted(java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .forEach(p -> {
                    OffsetAndMetadata now = committed.get(p);
                    out.printf("  %-28s %12s %12d%n", p.topic() + "/" + p.partition(), now == null ? "-" : String.valueOf(now.offset()), target.get(p));
                });
        List<MemberDescription> members = members(group);
        if (!members.isEmpty()) {
            throw notEmpty(function, members);
        }
        if (!execute) {
            out.println("nothing changed; run again with --execute to apply it (the group is empty now, so it would succeed)");
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        target.forEach((p, offset) -> offsets.put(p, new OffsetAndMetadata(offset)));
        try {
            brokers.admin().alterConsumerGroupOffsets(group, offsets).all().get(Brokers.CONNECT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownMemberIdException) {
                throw notEmpty(function, members(group));
            }
            throw new ReplayException(ReplayException.FAILED, "Kafka refused the reset of " + group + ": " + e.getCause());
        } catch (Exception e) {
            throw Brokers.unreachable(brokers.settings(), e);
        }
        out.println("done: " + group + " starts from the offsets above the next time " + function.functionName() + " consumes");
        return 0;
    }

    private Map<TopicPartition, Long> targets(List<String> topics, Integer partition, To to) {
        try {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            for (var description : brokers.admin().describeTopics(topics).allTopicNames().get(Brokers.CONNECT_SECONDS, TimeUnit.SECONDS).values()) {
                for (var info : description.partitions()) {
                    if (partition == null || partition == info.partition()) {
                        TopicPartition p = new TopicPartition(description.name(), info.partition());
                        earliest.put(p, OffsetSpec.earliest());
                        latest.put(p, OffsetSpec.latest());
                        wanted.put(p, to.time() != null ? OffsetSpec.forTimestamp(to.time().toEpochMilli()) : OffsetSpec.latest());
                    }
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> first = brokers.admin().listOffsets(earliest).all().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = brokers.admin().listOffsets(latest).all().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> atTime = brokers.admin().listOffsets(wanted).all().get();
            Map<TopicPartition, Long> target = new HashMap<>();
            for (TopicPartition p : wanted.keySet()) {
                long low = first.get(p).offset();
                long high = end.get(p).offset();
                long offset;
                if (to.earliest()) {
                    offset = low;
                } else if (to.latest()) {
                    offset = high;
                } else if (to.offset() != null) {
                    offset = Math.max(low, Math.min(high, to.offset()));
                } else {
                    // No record at or after the time: the end, so nothing older is delivered again.
                    offset = atTime.get(p).offset() < 0 ? high : atTime.get(p).offset();
                }
                target.put(p, offset);
            }
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.FAILED, "interrupted");
        } catch (Exception e) {
            throw Brokers.unreachable(brokers.settings(), e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            return brokers.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(Brokers.CONNECT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.FAILED, "interrupted");
        } catch (Exception e) {
            throw Brokers.unreachable(brokers.settings(), e);
        }
    }

    private List<MemberDescription> members(String group) {
        try {
            ConsumerGroupDescription description = brokers.admin().describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(Brokers.CONNECT_SECONDS, TimeUnit.SECONDS);
            return List.copyOf(description.members());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.FAILED, "interrupted");
        } catch (Exception e) {
            throw Brokers.unreachable(brokers.settings(), e);
        }
    }

    static ReplayException notEmpty(BatonFunction function, List<MemberDescription> members) {
        String who = String.join(", ", members.stream().map(m -> m.clientId() + "@" + m.host()).toList());
        return new ReplayException(ReplayException.GROUP_NOT_EMPTY, "consumer group " + function.consumerGroup() + " is not empty: "
                + members.size() + " member(s) consume it now (" + who + "). Kafka resets the offsets of an empty group only.\n"
                + "  Stop the " + function.functionName() + " function's delivery first, then run the reset again:\n"
                + "    local stack: stop ./baton up (Ctrl-C), start it with BATON_LOCAL_DELIVERY_FUNCTIONS=" + othersThan(function)
                + " ./baton up, reset, then restart it without that variable;\n"
                + "    Knative:     pause the KafkaSource " + function.serviceName() + " (docs/replay.md, 'Resetting offsets'), reset, resume it.\n"
                + "  A member that has just stopped leaves the group once its session times out (10 s locally).");
    }

    static List<String> topicsOf(BatonFunction function, String topic) {
        List<String> consumed = function.consumes().stream().map(Topic::topicName).toList();
        if (topic == null) {
            return consumed;
        }
        if (!consumed.contains(topic)) {
            throw ReplayException.usage("the " + function.functionName() + " function does not consume " + topic + "; it consumes " + String.join(", ", consumed));
        }
        return List.of(topic);
    }

    /** The functions local delivery should still feed while {@code function}'s group is reset. */
    private static String othersThan(dev.baton.eventing.contract.BatonFunction function) {
        return java.util.Arrays.stream(dev.baton.eventing.contract.BatonFunction.values())
                .filter(other -> other != function)
                .map(dev.baton.eventing.contract.BatonFunction::functionName)
                .collect(java.util.stream.Collectors.joining(","));
    }
}
