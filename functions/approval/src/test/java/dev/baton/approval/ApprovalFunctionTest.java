package dev.baton.approval;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.contract.payload.ApprovalDecided;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.PublishedEvent;
import dev.baton.eventing.function.RejectedEventException;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.approval.KafkaChecks.data;
import static dev.baton.approval.KafkaChecks.extension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler as a plain function bean, called directly, publishing to the real broker. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalFunctionTest implements TestPropertyProvider {

    @Inject
    CloudEventFunction function;

    @Inject
    EventCodec codec;

    @Inject
    JsonMapper json;

    @Inject
    ApprovalConfig config;

    private TopicProbe decisions;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties();
    }

    @BeforeEach
    void watchDecisions() {
        decisions = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_APPROVE_RESPONSE.topicName());
    }

    @AfterEach
    void stopWatching() {
        decisions.close();
    }

    @Test
    void theApprovalRulesHaveTheDocumentedDefaults() {
        assertEquals(List.of("blocked.example"), config.blockedDomains());
        assertEquals(List.of("admin", "root", "system"), config.reservedNames());
        assertEquals(Duration.ZERO, config.workTime());
    }

    @Test
    void anApprovedRequestPublishesTheDecisionUnderADerivedId() {
        CloudEvent request = Fixtures.approvalRequested("op-fn-approved", "grace@example.com");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED);

        Outcome outcome = function.apply(request);

        assertEquals(request.getId(), outcome.eventId());
        assertEquals("approved", outcome.note());
        assertEquals(List.of(new PublishedEvent(expectedId, BatonEventType.USER_APPROVAL_DECIDED.type(),
                Topic.USER_APPROVE_RESPONSE.topicName())), outcome.published());

        CloudEvent decided = decisions.awaitOne(e -> e.getId().equals(expectedId));
        assertEquals("dev.baton.user.approval.decided", decided.getType());
        assertEquals(BatonFunction.APPROVAL.source(), decided.getSource());
        assertEquals("op-fn-approved", decided.getSubject());
        assertEquals("op-fn-approved", extension(decided, "partitionkey"));
        assertEquals("application/json", decided.getDataContentType());
        assertTrue(data(decided).contains("\"decision\":\"APPROVED\""), data(decided));
        ApprovalDecided payload = codec.decode(decided, ApprovalDecided.class);
        assertEquals(new ApprovalDecided("op-fn-approved", Fixtures.USER_ID, ApprovalDecided.Decision.APPROVED,
                "passed the name and e-mail domain rules"), payload);

        // Keyed by the operation, so every event of one signup lands on one partition, in order.
        ConsumerRecord<String, byte[]> record = decisions.records().stream()
                .filter(r -> KafkaChecks.toEvent(r).getId().equals(expectedId)).findFirst().orElseThrow();
        assertEquals("op-fn-approved", record.key());
    }

    @Test
    void theSameRequestTwicePublishesTwoDecisionsWithTheSameId() {
        CloudEvent request = Fixtures.approvalRequested("op-fn-twice", "twice@example.com");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED);

        Outcome first = function.apply(request);
        Outcome second = function.apply(request);

        assertEquals(first.published(), second.published());
        List<CloudEvent> both = decisions.awaitCount(e -> "op-fn-twice".equals(e.getSubject()), 2);
        assertEquals(2, both.size());
        assertTrue(both.stream().allMatch(e -> e.getId().equals(expectedId)), "a redelivered request must yield the same decision id");
        assertEquals(codec.decode(both.get(0), ApprovalDecided.class), codec.decode(both.get(1), ApprovalDecided.class));
    }

    @Test
    void aBlockedDomainIsRejectedWithTheReason() {
        CloudEvent request = Fixtures.approvalRequested("op-fn-blocked", "eve@mail.Blocked.Example");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED);

        Outcome outcome = function.apply(request);

        assertEquals("rejected", outcome.note());
        CloudEvent decided = decisions.awaitOne(e -> e.getId().equals(expectedId));
        ApprovalDecided payload = codec.decode(decided, ApprovalDecided.class);
        assertEquals(ApprovalDecided.Decision.REJECTED, payload.decision());
        assertEquals("e-mail domain mail.blocked.example is blocked", payload.reason());
        assertEquals("op-fn-blocked", payload.operationId());
        assertEquals("op-fn-blocked", decided.getSubject());
    }

    @Test
    void aReservedNameIsRejected() {
        CloudEvent request = variant(Fixtures.approvalRequested("op-fn-reserved", "root@example.com"), "Root", "root@example.com");

        function.apply(request);

        CloudEvent decided = decisions.awaitOne(e -> "op-fn-reserved".equals(e.getSubject()));
        ApprovalDecided payload = codec.decode(decided, ApprovalDecided.class);
        assertEquals(ApprovalDecided.Decision.REJECTED, payload.decision());
        assertTrue(payload.reason().contains("reserved"), payload.reason());
    }

    @Test
    void aRequestWithoutEmailAsTheOriginalDemoSendsIsApproved() {
        CloudEvent request = variant(Fixtures.approvalRequested("op-fn-no-email", "x@example.com"), Fixtures.NAME, null);
        // Exactly what the original demo's clients produce: a name and no e-mail field at all.
        assertFalse(data(request).contains("\"email\""), data(request));

        function.apply(request);

        CloudEvent decided = decisions.awaitOne(e -> "op-fn-no-email".equals(e.getSubject()));
        assertEquals(EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED), decided.getId());
        assertEquals(ApprovalDecided.Decision.APPROVED, codec.decode(decided, ApprovalDecided.class).decision());
    }

    @Test
    void eventsItCanNeverProcessAreRejectedAndNothingIsPublished() {
        RejectedEventException invalid = assertThrows(RejectedEventException.class,
                () -> function.apply(Fixtures.invalidData(BatonEventType.USER_APPROVAL_REQUESTED)));
        assertTrue(invalid.getMessage().contains("invalid data"), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("userId"), invalid.getMessage());

        RejectedEventException malformed = assertThrows(RejectedEventException.class,
                () -> function.apply(Fixtures.malformedData(BatonEventType.USER_APPROVAL_REQUESTED)));
        assertTrue(malformed.getMessage().contains("not a valid ApprovalRequested"), malformed.getMessage());

        RejectedEventException unknown = assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.unknownType()));
        assertTrue(unknown.getMessage().contains("unknown event type 'com.example.something.happened'"), unknown.getMessage());

        // A Baton event, but not one the approval function consumes.
        RejectedEventException wrongFunction = assertThrows(RejectedEventException.class,
                () -> function.apply(Fixtures.userCreateRequested()));
        assertTrue(wrongFunction.getMessage().contains("baton-approval"), wrongFunction.getMessage());

        RejectedEventException noData = assertThrows(RejectedEventException.class, () -> function.apply(
                CloudEventBuilder.from(Fixtures.approvalRequested("op-fn-no-data", "x@example.com")).withoutData().build()));
        assertTrue(noData.getMessage().contains("no data"), noData.getMessage());

        // Everything rejected above published nothing: the marker sent afterwards is the only new decision.
        CloudEvent marker = Fixtures.approvalRequested("op-fn-after-rejections", "marker@example.com");
        function.apply(marker);
        decisions.awaitOne(e -> "op-fn-after-rejections".equals(e.getSubject()));
        List<CloudEvent> all = decisions.drain(e -> true);
        assertEquals(1, all.size(), () -> "unexpected decisions: " + all.stream().map(CloudEvent::getSubject).toList());
        assertFalse(all.stream().anyMatch(e -> Fixtures.OPERATION_ID.equals(e.getSubject())));
    }

    /** A fixture approval request with another name or e-mail, re-encoded from the fixture's own data. */
    private CloudEvent variant(CloudEvent fixture, String name, String email) {
        ApprovalRequested data = codec.decode(fixture, ApprovalRequested.class);
        try {
            byte[] changed = json.writeValueAsBytes(new ApprovalRequested(data.operationId(), data.userId(), name, email));
            return CloudEventBuilder.from(fixture).withId(fixture.getId() + "-variant").withData(changed).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
