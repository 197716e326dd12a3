package dev.baton.approval;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original demo slept 200 ms per approval. With local delivery's in-flight window a backlog of
 * slow approvals is handled concurrently instead of one after the other.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalBacklogTest implements TestPropertyProvider {
    private static final int REQUESTS = 50;
    private static final Duration WORK = Duration.ofMillis(200);

    @Inject
    ApprovalConfig config;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(SharedServers.properties());
        properties.put("baton.local-delivery.enabled", "true");
        properties.put("baton.approval.work-time", "200ms");
        return properties;
    }

    @Test
    void aBacklogOfSlowApprovalsIsDecidedConcurrently() {
        assertEquals(WORK, config.workTime());
        List<CloudEvent> requests = IntStream.range(0, REQUESTS)
                .mapToObj(i -> Fixtures.approvalRequested("op-backlog-" + i, "backlog" + i + "@example.com"))
                .toList();
        Set<String> expectedIds = requests.stream()
                .map(r -> EventIds.derive(r.getId(), BatonEventType.USER_APPROVAL_DECIDED))
                .collect(Collectors.toSet());

        try (TopicProbe decisions = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_APPROVE_RESPONSE.topicName())) {
            long start = System.nanoTime();
            KafkaChecks.publishAll(Topic.USER_APPROVE.topicName(), requests);
            List<CloudEvent> decided = decisions.awaitCount(e -> expectedIds.contains(e.getId()), REQUESTS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(expectedIds, decided.stream().map(CloudEvent::getId).collect(Collectors.toSet()));
            assertEquals(REQUESTS, decided.size(), "each request decided once");
            // One after the other this takes 50 × 200 ms = 10 s; concurrently it is a few work times.
            assertTrue(elapsed.compareTo(Duration.ofSeconds(5)) < 0, "50 slow approvals took " + elapsed);
            assertTrue(elapsed.compareTo(WORK) >= 0, "the simulated work did not happen: " + elapsed);
        }
        KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), Topic.USER_APPROVE.topicName());
    }
}
