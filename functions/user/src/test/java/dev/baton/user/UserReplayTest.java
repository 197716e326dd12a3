package dev.baton.user;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.function.Outcome;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replaying the topics: every input event of a finished signup is read back from {@code user-create}
 * and {@code user-approve-response} and delivered again, decisions before the (duplicate) request.
 * The saga must neither create a second user nor move its terminal state.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserReplayTest extends WatchesUserOutputs {
    private static final String BOOTSTRAP = SharedServers.kafkaBootstrapServers();

    @Inject
    UserFunction function;

    @Inject
    UserRepository users;

    @Inject
    EmailClaimRepository emails;

    @Test
    void replayingAnApprovedSignupChangesNothing() {
        String op = "op-replay-approved";
        CloudEvent completed = runSaga(op, "replay-approved@example.com", true);
        assertEquals(BatonEventType.USER_CREATE_COMPLETED.type(), completed.getType());
        User settled = user(op);
        assertEquals(UserState.APPROVED, settled.state());

        List<CloudEvent> replay = replayOrder(op);
        for (CloudEvent event : replay) {
            Outcome outcome = function.apply(event);
            assertEquals(1, outcome.published().size(), outcome::toString);
            assertEquals(completed.getId(), outcome.published().get(0).id(), "replayed " + event.getType() + " " + event.getId());
        }

        assertEquals(1, usersOf(op), "never a second user");
        assertEquals(settled, user(op), "state, reason, decidedBy and updatedAt untouched");
        assertEquals(op, emails.findById("replay-approved@example.com").orElseThrow().operationId());
        List<CloudEvent> terminal = results.awaitCount(e -> op.equals(e.getSubject()), 1 + replay.size());
        assertTrue(terminal.stream().allMatch(e -> e.getId().equals(completed.getId())), "every terminal event a duplicate of the first");
        assertEquals(1, approvals.drain(e -> op.equals(e.getSubject())).size(), "a replayed request asks for no second approval");
    }

    @Test
    void replayingARejectedSignupAfterTheAddressWasTakenAgainChangesNothing() {
        String op = "op-replay-rejected";
        String email = "replay-rejected@example.com";
        CloudEvent failed = runSaga(op, email, false);
        assertEquals(BatonEventType.USER_CREATE_FAILED.type(), failed.getType());
        User settled = user(op);
        assertEquals(SignupSaga.APPROVAL_REJECTED, settled.failureCode());
        // Meanwhile a new signup took the released address.
        String next = "op-replay-next-owner";
        function.apply(Fixtures.userCreateRequested(next, Fixtures.NAME, email));
        assertEquals(next, emails.findById(email).orElseThrow().operationId());

        List<CloudEvent> replay = replayOrder(op);
        for (CloudEvent event : replay) {
            Outcome outcome = function.apply(event);
            assertEquals(failed.getId(), outcome.published().get(0).id(), "replayed " + event.getType() + " " + event.getId());
        }

        assertEquals(1, usersOf(op));
        assertEquals(settled, user(op), "still rejected by the approval, not turned into EMAIL_TAKEN");
        assertEquals(next, emails.findById(email).orElseThrow().operationId(), "the replay neither reclaims nor releases the new owner's address");
        assertEquals(UserState.PENDING_APPROVAL, user(next).state());
        List<CloudEvent> terminal = results.awaitCount(e -> op.equals(e.getSubject()), 1 + replay.size());
        assertTrue(terminal.stream().allMatch(e -> e.getId().equals(failed.getId())));
    }

    /**
     * Runs a signup the way the topics carry it: the request written to {@code user-create} and delivered
     * from there, the approval request awaited on {@code user-approve}, the decision written to
     * {@code user-approve-response} and delivered from there. Returns the terminal event.
     */
    private CloudEvent runSaga(String op, String email, boolean approved) {
        CloudEvent request = Fixtures.userCreateRequested(op, Fixtures.NAME, email);
        TopicProbe.publish(BOOTSTRAP, Topic.USER_CREATE.topicName(), request);
        function.apply(single(Topic.USER_CREATE, op));
        approvals.awaitOne(e -> e.getId().equals(EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_REQUESTED)));

        CloudEvent decided = Fixtures.approvalDecided(op, SignupSaga.userIdFor(op), approved);
        TopicProbe.publish(BOOTSTRAP, Topic.USER_APPROVE_RESPONSE.topicName(), decided);
        function.apply(single(Topic.USER_APPROVE_RESPONSE, op));
        BatonEventType terminal = approved ? BatonEventType.USER_CREATE_COMPLETED : BatonEventType.USER_CREATE_FAILED;
        return results.awaitOne(e -> e.getId().equals(EventIds.derive(decided.getId(), terminal)));
    }

    /** The signup's input events from both topics, decisions first, then the request, then the decisions again. */
    private static List<CloudEvent> replayOrder(String op) {
        List<CloudEvent> decisions = TestEvents.history(Topic.USER_APPROVE_RESPONSE.topicName(), e -> op.equals(e.getSubject()));
        List<CloudEvent> requests = TestEvents.history(Topic.USER_CREATE.topicName(), e -> op.equals(e.getSubject()));
        assertEquals(1, decisions.size());
        assertEquals(1, requests.size());
        List<CloudEvent> replay = new ArrayList<>(decisions);
        replay.addAll(requests);
        replay.addAll(decisions);
        return replay;
    }

    private static CloudEvent single(Topic topic, String op) {
        List<CloudEvent> events = TestEvents.history(topic.topicName(), e -> op.equals(e.getSubject()));
        assertEquals(1, events.size(), () -> topic + " holds " + events);
        return events.get(0);
    }

    private User user(String operationId) {
        return users.findById(SignupSaga.userIdFor(operationId)).orElseThrow(() -> new AssertionError("no user for " + operationId));
    }

    private long usersOf(String operationId) {
        return users.findAll().stream().filter(u -> u.operationId().equals(operationId)).count();
    }
}
