package dev.baton.approval;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.delivery.LocalDeliveryConfig;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.approval.KafkaChecks.data;
import static dev.baton.approval.KafkaChecks.extension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local delivery's retries: a transient failure is retried to completion; a persistent one is dead-lettered. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalRetryTest implements TestPropertyProvider {
    private static final String BOOTSTRAP = SharedServers.kafkaBootstrapServers();
    private static final String REQUESTS = Topic.USER_APPROVE.topicName();

    @Inject
    Approver approver;

    @Inject
    LocalDeliveryConfig deliveryConfig;

    private TopicProbe decisions;
    private TopicProbe deadLetters;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties("baton.local-delivery.enabled", "true",
                "baton.local-delivery.retry", "2",
                "baton.local-delivery.backoff-delay", "50ms",
                "test.flaky-approver", "true");
    }

    @BeforeEach
    void watch() {
        decisions = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE_RESPONSE.topicName());
        deadLetters = TopicProbe.from(BOOTSTRAP, Topic.USER_APPROVE.deadLetterTopicName());
    }

    @AfterEach
    void stopWatching() {
        decisions.close();
        deadLetters.close();
    }

    @Test
    void aTransientFailureIsRetriedAndTheDecisionPublishedExactlyOnce() {
        FlakyApprover flaky = assertInstanceOf(FlakyApprover.class, approver);
        assertEquals(2, deliveryConfig.retry());
        assertEquals(Duration.ofMillis(50), deliveryConfig.backoffDelay());
        CloudEvent request = Fixtures.approvalRequested(FlakyApprover.FLAKY + "1", "flaky@example.com");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED);

        TopicProbe.publish(BOOTSTRAP, REQUESTS, request);

        CloudEvent decided = decisions.awaitOne(e -> e.getId().equals(expectedId));
        assertTrue(data(decided).contains("\"decision\":\"APPROVED\""), data(decided));
        // Once the offset is committed the record is finished: no further attempt, no late dead letter.
        KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), REQUESTS);
        assertEquals(2, flaky.attempts(FlakyApprover.FLAKY + "1"), "failed once, then succeeded");
        assertEquals(1, decisions.drain(e -> request.getSubject().equals(e.getSubject())).size(), "published exactly once");
        assertEquals(List.of(), deadLetters.drain(e -> e.getId().equals(request.getId())));
    }

    @Test
    void aPersistentFailureIsDeadLetteredAfterTheRetries() {
        FlakyApprover flaky = assertInstanceOf(FlakyApprover.class, approver);
        CloudEvent request = Fixtures.approvalRequested(FlakyApprover.DOOMED + "1", "doomed@example.com");

        TopicProbe.publish(BOOTSTRAP, REQUESTS, request);

        CloudEvent deadLetter = deadLetters.awaitOne(e -> e.getId().equals(request.getId()));
        assertEquals("503", extension(deadLetter, "knativeerrorcode"), "the last status, as the dispatcher records it");
        assertEquals("3", extension(deadLetter, "batonattempts"), "the first attempt and retry=2 retries");
        String reason = extension(deadLetter, "batonerrorreason");
        assertTrue(reason.contains("retries exhausted") && reason.contains("simulated outage"), reason);
        assertEquals(REQUESTS, extension(deadLetter, "batonsourcetopic"));
        assertEquals(request.getType(), deadLetter.getType());
        assertEquals(data(request), data(deadLetter));

        KafkaChecks.awaitCommittedToEnd(BatonFunction.APPROVAL.consumerGroup(), REQUESTS);
        assertEquals(3, flaky.attempts(FlakyApprover.DOOMED + "1"));
        assertEquals(List.of(), decisions.drain(e -> request.getSubject().equals(e.getSubject())), "no decision for a failed request");
        assertEquals(1, deadLetters.drain(e -> e.getId().equals(request.getId())).size(), "dead-lettered once");
    }
}
