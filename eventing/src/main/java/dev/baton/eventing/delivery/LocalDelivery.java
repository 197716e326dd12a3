package dev.baton.eventing.delivery;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.http.ApiException;
import dev.baton.eventing.http.EventFailures;
import dev.baton.eventing.publish.EventPublisher;
import dev.baton.eventing.telemetry.EventMetrics;
import dev.baton.eventing.telemetry.ObservedFunction;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * KafkaSource semantics without a cluster: consumes this function's topics with its KafkaSource's
 * consumer group, hands records to the same {@link ObservedFunction} the HTTP binding calls,
 * unordered with a bounded in-flight window, retries retryable failures with exponential backoff,
 * dead-letters what cannot be delivered, and commits an offset only once every record before it
 * has been handled or dead-lettered.
 */
@Context
@Requires(property = "baton.local-delivery.enabled", value = "true")
public class LocalDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDelivery.class);

    private final ObservedFunction handler;
    private final BatonFunction function;
    private final LocalDeliveryConfig config;
    private final DeadLetters deadLetters;
    private final DeliveryMetrics metrics;
    private final JsonMapper json;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService retries;
    private final Queue<Delivery> finished = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, OffsetTracker> trackers = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread poller;
    private volatile boolean running = true;
    private long lastCommit = System.nanoTime();

    public LocalDelivery(ObservedFunction handler, BatonFunction function, LocalDeliveryConfig config,
                         EventPublisher publisher, KafkaDefaultConfiguration kafka, JsonMapper json,
                         MeterRegistry registry, EventMetrics events) {
        this.handler = handler;
        this.function = function;
        this.config = config;
        this.json = json;
        this.deadLetters = new DeadLetters(publisher, config.destinationOf(function.sinkServiceName()));
        this.metrics = new DeliveryMetrics(registry, events, function, inFlight);
        this.consumer = new KafkaConsumer<>(consumerProperties(kafka.getConfig(), function, config),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.workers = new ThreadPoolExecutor(config.maxInFlight(), config.maxInFlight(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon(function.functionName() + "-delivery"));
        this.workers.allowCoreThreadTimeOut(true);
        this.retries = Executors.newSingleThreadScheduledExecutor(daemon(function.functionName() + "-retry"));
        this.poller = daemon(function.functionName() + "-poller").newThread(this::pollLoop);
        this.poller.start();
        LOG.info("local delivery for {}: group {}, topics {}, max in flight {}", function.serviceName(),
                function.consumerGroup(), function.consumes().stream().map(Topic::topicName).toList(), config.maxInFlight());
    }

    static Properties consumerProperties(Properties base, BatonFunction function, LocalDeliveryConfig config) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, function.consumerGroup());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, function.serviceName() + "-local-delivery");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.min(config.maxInFlight(), 500)));
        // A crashed consumer holds its partitions until its session times out; the default 45 s is what
        // stalled delivery after a restart. A static instance id lets the restarted consumer take its
        // predecessor's place at once instead.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(config.sessionTimeout().toMillis()));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(500, config.sessionTimeout().toMillis() / 4)));
        if (config.instanceId() != null && !config.instanceId().isBlank()) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId() + "-" + function.functionName());
        }
        return props;
    }

    private void pollLoop() {
        try {
            consumer.subscribe(function.consumes().stream().map(Topic::topicName).toList(), new Rebalance());
            while (running) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // One bad poll (broker unreachable, a commit failing) must not end delivery for good.
                    LOG.error("local delivery for {}: poll failed, carrying on", function.serviceName(), e);
                    pause(config.backoffDelay());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("local delivery woken up unexpectedly", e);
            }
        } finally {
            drainAndClose();
            stopped.countDown();
        }
    }

    private void pollOnce() {
        settleFinished();
        boolean full = inFlight.get() >= config.maxInFlight();
        if (full) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
        Duration timeout = full ? Duration.ofMillis(5) : config.pollTimeout();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            dispatch(record);
        }
        metrics.refreshLag(consumer, trackers);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        OffsetTracker tracker = trackers.computeIfAbsent(partition, p -> new OffsetTracker());
        tracker.started(record.offset());
        inFlight.incrementAndGet();
        Delivery delivery = new Delivery(record, partition, tracker, RecordEvents.toEvent(record, function, config.namespace()));
        workers.execute(() -> attempt(delivery));
    }

    private void attempt(Delivery delivery) {
        delivery.attempts++;
        try {
            handler.apply(delivery.event);
            done(delivery);
        } catch (RuntimeException | Error e) {
            // The answer POST / would have given; an Error is treated like any other failure, so its
            // record is never left stuck in flight.
            ApiException answer = EventFailures.answer(e);
            if (!EventFailures.retryable(answer)) {
                LOG.warn("dead-lettering rejected event {} ({}): {}", delivery.event.getId(), delivery.event.getType(), e.getMessage());
                deadLetter(delivery, answer, e.getMessage());
            } else if (delivery.attempts <= config.retry()) {
                Duration wait = config.backoff(delivery.attempts);
                LOG.info("event {} failed on attempt {}, retrying in {}: {}", delivery.event.getId(), delivery.attempts, wait, e.toString());
                later(wait, () -> attempt(delivery));
            } else {
                LOG.warn("dead-lettering event {} after {} attempts: {}", delivery.event.getId(), delivery.attempts, e.toString());
                deadLetter(delivery, answer, "retries exhausted: " + e);
            }
        }
    }

    /** The body POST / answers with for this failure: the problem JSON. */
    private byte[] body(ApiException answer) {
        try {
            return json.writeValueAsBytes(answer.toProblem(EventFailures.INSTANCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deadLetter(Delivery delivery, ApiException answer, String reason) {
        try {
            deadLetters.send(delivery.record, delivery.event, answer.status().getCode(), body(answer), reason, delivery.attempts);
            metrics.deadLettered(delivery.record.topic());
            done(delivery);
        } catch (RuntimeException e) {
            // The offset stays uncommitted until the dead letter is written, so the record is never lost.
            LOG.warn("could not write dead letter for {}, trying again: {}", delivery.event.getId(), e.toString());
            later(config.backoffMax(), () -> deadLetter(delivery, answer, reason));
        }
    }

    private void later(Duration delay, Runnable task) {
        if (!running && retries.isShutdown()) {
            return;
        }
        retries.schedule(() -> workers.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void done(Delivery delivery) {
        finished.add(delivery);
    }

    /** On the polling thread: marks finished offsets and commits what is now contiguous. */
    private void settleFinished() {
        Delivery delivery;
        while ((delivery = finished.poll()) != null) {
            inFlight.decrementAndGet();
            if (trackers.get(delivery.partition) == delivery.tracker) {
                delivery.tracker.finished(delivery.record.offset());
            }
        }
        if (System.nanoTime() - lastCommit < config.commitInterval().toNanos()) {
            return;
        }
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> commits = committable(trackers.keySet());
        if (!commits.isEmpty()) {
            consumer.commitAsync(commits, (offsets, error) -> {
                if (error != null) {
                    LOG.warn("offset commit failed, records may be redelivered: {}", error.toString());
                }
            });
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetTracker tracker = trackers.get(partition);
            long offset = tracker == null ? -1 : tracker.takeCommittable();
            if (offset >= 0) {
                commits.put(partition, new OffsetAndMetadata(offset));
            }
        }
        return commits;
    }

    private void drainAndClose() {
        try {
            consumer.pause(consumer.assignment());
        } catch (RuntimeException e) {
            LOG.debug("could not pause before closing: {}", e.toString());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Wait for handlers running now; retries still scheduled are dropped and their records redelivered later.
        while ((workers.getActiveCount() > 0 || !workers.getQueue().isEmpty()) && System.nanoTime() < deadline) {
            settleFinished();
            try {
                consumer.poll(Duration.ofMillis(20));
            } catch (RuntimeException e) {
                break;
            }
        }
        try {
            // Only what was handled: the consumer's position may be past records whose retries were dropped.
            settleFinished();
            Map<TopicPartition, OffsetAndMetadata> commits = committable(trackers.keySet());
            if (!commits.isEmpty()) {
                consumer.commitSync(commits, Duration.ofSeconds(5));
            }
        } catch (RuntimeException e) {
            LOG.warn("final offset commit failed: {}", e.toString());
        }
        consumer.close(Duration.ofSeconds(5));
    }

    /** Records in flight right now, across partitions. */
    public int inFlight() {
        return inFlight.get();
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        retries.shutdownNow();
        consumer.wakeup();
        try {
            stopped.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            settleFinished();
            Map<TopicPartition, OffsetAndMetadata> commits = committable(partitions);
            if (!commits.isEmpty()) {
                try {
                    consumer.commitSync(commits);
                } catch (RuntimeException e) {
                    LOG.warn("commit on revocation failed, records may be redelivered: {}", e.toString());
                }
            }
            partitions.forEach(trackers::remove);
            metrics.revoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> trackers.put(p, new OffsetTracker()));
            metrics.assigned(partitions);
        }
    }

    private static final class Delivery {
        final ConsumerRecord<String, byte[]> record;
        final TopicPartition partition;
        final OffsetTracker tracker;
        final CloudEvent event;
        volatile int attempts;

        Delivery(ConsumerRecord<String, byte[]> record, TopicPartition partition, OffsetTracker tracker, CloudEvent event) {
            this.record = record;
            this.partition = partition;
            this.tracker = tracker;
            this.event = event;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
