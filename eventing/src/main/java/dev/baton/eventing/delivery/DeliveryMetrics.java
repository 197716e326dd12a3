package dev.baton.eventing.delivery;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.telemetry.EventMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local delivery's own meters: records in flight, dead letters by topic and, per assigned partition,
 * the lag a KafkaSource's consumer group would show (what KEDA scales on): the log end offset minus
 * the offset local delivery commits next. The lag is refreshed on the polling thread from what the
 * consumer already knows, without a call to the broker, at most once per {@link #LAG_INTERVAL_NANOS}.
 */
final class DeliveryMetrics {
    static final String IN_FLIGHT = "baton.delivery.in.flight";
    static final String LAG = "baton.delivery.lag";
    private static final long LAG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MeterRegistry registry;
    private final Map<String, Counter> deadLetters = new HashMap<>();
    /** Used by the polling thread only; the gauges read the values from the scrape's thread. */
    private final Map<TopicPartition, PartitionLag> lags = new HashMap<>();
    private long lastLagUpdate;

    DeliveryMetrics(MeterRegistry registry, EventMetrics events, BatonFunction function, AtomicInteger inFlight) {
        this.registry = registry;
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Records local delivery has handed to the handler and not yet finished")
                .register(registry);
        for (Topic topic : function.consumes()) {
            deadLetters.put(topic.topicName(), events.deadLetters(topic.deadLetterTopicName()));
        }
    }

    /** A dead letter of a record from {@code sourceTopic} was written. */
    void deadLettered(String sourceTopic) {
        Counter counter = deadLetters.get(sourceTopic);
        if (counter != null) {
            counter.increment();
        }
    }

    void assigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            lags.computeIfAbsent(partition, p -> new PartitionLag(registry, p));
        }
    }

    void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionLag lag = lags.remove(partition);
            if (lag != null) {
                registry.remove(lag.gauge);
            }
        }
    }

    /** On the polling thread, after a poll. */
    void refreshLag(Consumer<?, ?> consumer, Map<TopicPartition, OffsetTracker> trackers) {
        long now = System.nanoTime();
        if (now - lastLagUpdate < LAG_INTERVAL_NANOS) {
            return;
        }
        lastLagUpdate = now;
        for (Map.Entry<TopicPartition, PartitionLag> entry : lags.entrySet()) {
            // Known once the consumer has fetched from the partition; until then position() could block.
            OptionalLong fetchLag = consumer.currentLag(entry.getKey());
            if (fetchLag.isEmpty()) {
                continue;
            }
            long position = consumer.position(entry.getKey());
            OffsetTracker tracker = trackers.get(entry.getKey());
            long next = tracker == null ? -1 : tracker.firstUnhandled();
            long committedNext = next < 0 ? position : next;
            entry.getValue().value.set(Math.max(0, position + fetchLag.getAsLong() - committedNext));
        }
    }

    private static final class PartitionLag {
        final AtomicLong value = new AtomicLong();
        final Gauge gauge;

        PartitionLag(MeterRegistry registry, TopicPartition partition) {
            gauge = Gauge.builder(LAG, value, AtomicLong::get)
                    .description("Consumer lag of local delivery: log end offset minus the offset it commits next")
                    .tag("topic", partition.topic())
                    .tag("partition", String.valueOf(partition.partition()))
                    .register(registry);
        }
    }
}
