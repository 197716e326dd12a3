package dev.baton.approval;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.delivery.LocalDelivery;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original demo slept 200 ms per approval. With local delivery's in-flight window a backlog of
 * slow approvals is handled concurrently instead of one after the other: many are in flight at once.
 * (Counted, not timed: a busy machine makes anything slow, but not sequential.)
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalBacklogTest implements TestPropertyProvider {
    private static final int REQUESTS = 50;
    private static final Duration WORK = Duration.ofMillis(200);
    /** One after the other there is never more than one; half the backlog at once is concurrency by any measure. */
    private static final int AT_ONCE = REQUESTS / 2;

    @Inject
    LocalDelivery delivery;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties("baton.local-delivery.enabled", "true", "baton.approval.work-time", "200ms");
    }

    @Test
    void aBacklogOfSlowApprovalsIsDecidedConcurrently() {
        List<CloudEvent> requests = IntStream.range(0, REQUESTS)
                .mapToObj(i -> Fixtures.approvalRequested("op-backlog-" + i, "backlog" + i + "@example.com"))
                .toList();
        Set<String> expectedIds = requests.stream()
                .map(r -> EventIds.derive(r.getId(), BatonEventType.USER_APPROVAL_DECIDED))
                .collect(Collectors.toSet());

        try (TopicProbe decisions = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_APPROVE_RESPONSE.topicName())) {
            long start = System.nanoTime();
            KafkaChecks.publishAll(Topic.USER_APPROVE.topicName(), requests);
            AtomicInteger most = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> most.accumulateAndGet(delivery.inFlight(), Math::max) >= AT_ONCE);
            List<CloudEvent> decided = decisions.awaitCount(e -> expectedIds.contains(e.getId()), REQUESTS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(expectedIds, decided.stream().map(CloudEvent::getId).collect(Collectors.toSet()));
            assertEquals(REQUESTS, decided.size(), "each request decided once");
            assertTrue(most.get() >= AT_ONCE, most + " approvals in flight at once");
            assertTrue(elapsed.compareTo(WORK) >= 0, "the configured work time did not happen: " + elapsed);
        }
        KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), Topic.USER_APPROVE.topicName());
    }
}
