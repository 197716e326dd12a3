package dev.baton.user;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.contract.payload.UserView;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.PublishedEvent;
import dev.baton.eventing.function.RejectedEventException;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.baton.user.TestEvents.extension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user function's handler called directly, against the real Mongo-protocol server and Kafka. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserFunctionTest extends WatchesUserOutputs {
    private static final String APPROVAL_REASON = "passed the name and e-mail domain rules";
    private static final String REJECTION_REASON = "e-mail domain blocked.example is blocked";

    @Inject
    UserFunction function;

    @Inject
    UserRepository users;

    @Inject
    EmailClaimRepository emails;

    @Inject
    EventCodec codec;


    @Test
    void aRequestedSignupBecomesOnePendingUserAndAnApprovalRequest() {
        String op = "op-user-create";
        CloudEvent request = Fixtures.userCreateRequested(op, "Grace Hopper", " Grace.Hopper@Example.COM ");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_REQUESTED);

        Outcome outcome = function.apply(request);

        assertEquals(List.of(new PublishedEvent(expectedId, BatonEventType.USER_APPROVAL_REQUESTED.type(), "user-approve")),
                outcome.published());
        User user = user(op);
        assertEquals(UserState.PENDING_APPROVAL, user.state());
        assertEquals(op, user.operationId());
        assertEquals("Grace Hopper", user.name());
        assertEquals("grace.hopper@example.com", user.email(), "e-mail trimmed and lower-cased");
        assertNull(user.reason());
        assertNull(user.decidedBy());
        assertEquals(1, usersOf(op));
        assertEquals(op, emails.findById("grace.hopper@example.com").orElseThrow().operationId(), "the address is claimed");

        CloudEvent ask = approvals.awaitOne(e -> e.getId().equals(expectedId));
        assertEquals(BatonEventType.USER_APPROVAL_REQUESTED.type(), ask.getType());
        assertEquals(BatonFunction.USER.source(), ask.getSource());
        assertEquals(op, ask.getSubject());
        assertEquals(op, extension(ask, "partitionkey"));
        assertEquals(new ApprovalRequested(op, SignupSaga.userIdFor(op), "Grace Hopper", "grace.hopper@example.com", user.createdAt()),
                codec.decode(ask, ApprovalRequested.class), "the pending user as recorded, createdAt included");
    }

    @Test
    void theSameRequestTwiceKeepsOneUserAndRepublishesTheSameApprovalRequest() {
        String op = "op-user-twice";
        CloudEvent request = Fixtures.userCreateRequested(op, Fixtures.NAME, "twice@example.com");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_REQUESTED);

        Outcome first = function.apply(request);
        User afterFirst = user(op);
        Outcome second = function.apply(request);

        assertEquals(first.published(), second.published());
        assertEquals(1, usersOf(op));
        assertEquals(afterFirst, user(op), "the redelivery changed nothing");
        List<CloudEvent> asks = approvals.awaitCount(e -> op.equals(e.getSubject()), 2);
        assertEquals(2, asks.size());
        assertTrue(asks.stream().allMatch(e -> e.getId().equals(expectedId)), "duplicates must be recognisable by id");
    }

    @Test
    void anApprovedDecisionCompletesTheSignupWithTheUser() {
        String op = "op-user-approved";
        function.apply(Fixtures.userCreateRequested(op, Fixtures.NAME, "approved@example.com"));
        CloudEvent decided = Fixtures.approvalDecided(op, SignupSaga.userIdFor(op), true);
        String expectedId = EventIds.derive(decided.getId(), BatonEventType.USER_CREATE_COMPLETED);

        Outcome outcome = function.apply(decided);

        assertEquals(List.of(new PublishedEvent(expectedId, BatonEventType.USER_CREATE_COMPLETED.type(), "user-create-response")),
                outcome.published());
        User user = user(op);
        assertEquals(UserState.APPROVED, user.state());
        assertEquals(APPROVAL_REASON, user.reason());
        assertEquals(decided.getId(), user.decidedBy());
        assertNull(user.failureCode());
        assertFalse(user.updatedAt().isBefore(user.createdAt()));

        CloudEvent completed = results.awaitOne(e -> e.getId().equals(expectedId));
        assertEquals(BatonEventType.USER_CREATE_COMPLETED.type(), completed.getType());
        assertEquals(op, completed.getSubject());
        assertEquals(new UserCreateCompleted(op, new UserView(SignupSaga.userIdFor(op), Fixtures.NAME, "approved@example.com",
                "APPROVED", user.createdAt()), APPROVAL_REASON, decided.getId(), user.updatedAt()),
                codec.decode(completed, UserCreateCompleted.class), "the settled user as recorded: reason, decidedBy, updatedAt");
        assertEquals(op, emails.findById("approved@example.com").orElseThrow().operationId(), "an approved user keeps the address");
    }

    @Test
    void aRejectedDecisionFailsTheSignupAndReleasesTheAddress() {
        String op = "op-user-rejected";
        String email = "rejected@example.com";
        function.apply(Fixtures.userCreateRequested(op, Fixtures.NAME, email));
        CloudEvent decided = Fixtures.approvalDecided(op, SignupSaga.userIdFor(op), false);
        String expectedId = EventIds.derive(decided.getId(), BatonEventType.USER_CREATE_FAILED);

        Outcome outcome = function.apply(decided);

        assertEquals(List.of(new PublishedEvent(expectedId, BatonEventType.USER_CREATE_FAILED.type(), "user-create-response")),
                outcome.published());
        User user = user(op);
        assertEquals(UserState.REJECTED, user.state());
        assertEquals(SignupSaga.APPROVAL_REJECTED, user.failureCode());
        assertEquals(REJECTION_REASON, user.reason());
        CloudEvent failed = results.awaitOne(e -> e.getId().equals(expectedId));
        assertEquals(new UserCreateFailed(op, new ErrorInfo("APPROVAL_REJECTED", REJECTION_REASON),
                        new UserView(SignupSaga.userIdFor(op), Fixtures.NAME, email, "REJECTED", user.createdAt()), decided.getId(), user.updatedAt()),
                codec.decode(failed, UserCreateFailed.class), "the rejected user as recorded, with its name and e-mail");
        assertTrue(emails.findById(email).isEmpty(), "the address is free again");

        // So a new signup with that address goes ahead.
        String retry = "op-user-rejected-retry";
        CloudEvent again = Fixtures.userCreateRequested(retry, Fixtures.NAME, email);
        Outcome retried = function.apply(again);
        assertEquals(EventIds.derive(again.getId(), BatonEventType.USER_APPROVAL_REQUESTED), retried.published().get(0).id());
        assertEquals(UserState.PENDING_APPROVAL, user(retry).state());
        assertEquals(retry, emails.findById(email).orElseThrow().operationId());
    }

    @Test
    void anAddressInUseFailsASecondSignupWithEmailTaken() {
        String holder = "op-user-holder";
        String second = "op-user-taken";
        function.apply(Fixtures.userCreateRequested(holder, Fixtures.NAME, "taken@example.com"));
        CloudEvent request = Fixtures.userCreateRequested(second, "Someone Else", "TAKEN@example.com");
        String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_CREATE_FAILED);

        Outcome outcome = function.apply(request);

        assertEquals(List.of(new PublishedEvent(expectedId, BatonEventType.USER_CREATE_FAILED.type(), "user-create-response")),
                outcome.published());
        CloudEvent failed = results.awaitOne(e -> e.getId().equals(expectedId));
        UserCreateFailed payload = codec.decode(failed, UserCreateFailed.class);
        assertEquals(second, payload.operationId());
        assertEquals("EMAIL_TAKEN", payload.error().code());
        assertTrue(payload.error().message().contains("taken@example.com"), payload.error().message());
        User loser = user(second);
        assertEquals(UserState.REJECTED, loser.state());
        assertEquals(SignupSaga.EMAIL_TAKEN, loser.failureCode());
        assertEquals(request.getId(), loser.decidedBy());
        assertEquals(new UserView(loser.id(), "Someone Else", "taken@example.com", "REJECTED", loser.createdAt()), payload.user());
        assertEquals(request.getId(), payload.decidedBy());
        assertEquals(loser.updatedAt(), payload.decidedAt());
        assertEquals(holder, emails.findById("taken@example.com").orElseThrow().operationId(), "the holder keeps the address");
        assertEquals(UserState.PENDING_APPROVAL, user(holder).state());

        // Redelivered: the same failure under the same id, and still no approval request for it.
        assertEquals(outcome.published(), function.apply(request).published());
        assertEquals(2, results.awaitCount(e -> e.getId().equals(expectedId), 2).size());
        assertEquals(List.of(), approvals.drain(e -> second.equals(e.getSubject())));
    }

    /** Two signups for one address at the same moment, a few times over: always exactly one holds it. */
    @Test
    void twoSignupsRacingForOneAddressLeaveExactlyOneHolder() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String email = "race-" + round + "-" + UUID.randomUUID() + "@example.com";
                List<String> ops = List.of("op-user-race-a-" + round + "-" + UUID.randomUUID(), "op-user-race-b-" + round + "-" + UUID.randomUUID());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (String op : ops) {
                    outcomes.add(racers.submit(() -> {
                        go.await();
                        return function.apply(Fixtures.userCreateRequested(op, Fixtures.NAME, email));
                    }));
                }
                go.countDown();
                List<String> notes = new ArrayList<>();
                for (Future<Outcome> outcome : outcomes) {
                    notes.add(outcome.get(30, TimeUnit.SECONDS).note());
                }

                String holder = emails.findById(email).orElseThrow().operationId();
                assertTrue(ops.contains(holder), holder);
                String loser = ops.get(1 - ops.indexOf(holder));
                assertEquals(UserState.PENDING_APPROVAL, user(holder).state(), "round " + round);
                assertEquals(UserState.REJECTED, user(loser).state(), "round " + round);
                assertEquals(SignupSaga.EMAIL_TAKEN, user(loser).failureCode(), "round " + round);
                assertEquals(List.of("user pending approval", "signup failed: EMAIL_TAKEN"),
                        notes.stream().sorted(Comparator.reverseOrder()).toList(), "round " + round);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void aDuplicateDecisionRepublishesTheSameTerminalEventAndChangesNothing() {
        String op = "op-user-dup-decision";
        function.apply(Fixtures.userCreateRequested(op, Fixtures.NAME, "dup-decision@example.com"));
        CloudEvent decided = Fixtures.approvalDecided(op, SignupSaga.userIdFor(op), true);

        Outcome first = function.apply(decided);
        User settled = user(op);
        Outcome second = function.apply(decided);

        assertEquals(first.published(), second.published());
        assertEquals(settled, user(op), "state, reason and updatedAt untouched");
        List<CloudEvent> terminal = results.awaitCount(e -> op.equals(e.getSubject()), 2);
        assertEquals(2, terminal.size());
        assertTrue(terminal.stream().allMatch(e -> e.getId().equals(first.published().get(0).id())));
    }

    @Test
    void withOppositeVerdictsTheFirstDecisionWins() {
        String approvedFirst = "op-user-approve-then-reject";
        function.apply(Fixtures.userCreateRequested(approvedFirst, Fixtures.NAME, "approve-first@example.com"));
        CloudEvent approve = Fixtures.approvalDecided(approvedFirst, SignupSaga.userIdFor(approvedFirst), true);
        CloudEvent reject = Fixtures.approvalDecided(approvedFirst, SignupSaga.userIdFor(approvedFirst), false);
        Outcome won = function.apply(approve);
        User settled = user(approvedFirst);
        Outcome lost = function.apply(reject);

        assertEquals(won.published(), lost.published(), "the late decision reports the standing result, under its id");
        assertEquals(BatonEventType.USER_CREATE_COMPLETED.type(), lost.published().get(0).type());
        assertEquals(settled, user(approvedFirst));
        assertEquals(approvedFirst, emails.findById("approve-first@example.com").orElseThrow().operationId(),
                "a losing rejection does not release the address");

        String rejectedFirst = "op-user-reject-then-approve";
        function.apply(Fixtures.userCreateRequested(rejectedFirst, Fixtures.NAME, "reject-first@example.com"));
        Outcome rejected = function.apply(Fixtures.approvalDecided(rejectedFirst, SignupSaga.userIdFor(rejectedFirst), false));
        Outcome ignored = function.apply(Fixtures.approvalDecided(rejectedFirst, SignupSaga.userIdFor(rejectedFirst), true));

        assertEquals(rejected.published(), ignored.published());
        assertEquals(BatonEventType.USER_CREATE_FAILED.type(), ignored.published().get(0).type());
        assertEquals(UserState.REJECTED, user(rejectedFirst).state());
        assertTrue(emails.findById("reject-first@example.com").isEmpty(), "a losing approval does not claim the address again");
    }

    @Test
    void aDecisionForAnUnknownUserIsRejected() {
        String op = "op-user-nobody";
        RejectedEventException error = assertThrows(RejectedEventException.class,
                () -> function.apply(Fixtures.approvalDecided(op, SignupSaga.userIdFor(op), true)));
        assertTrue(error.getMessage().contains(SignupSaga.userIdFor(op)), error.getMessage());
        assertTrue(users.findById(SignupSaga.userIdFor(op)).isEmpty());
        assertEquals(0, usersOf(op));
    }

    @Test
    void aDecisionNamingAnotherOperationIsRejectedAndSettlesNothing() {
        String op = "op-user-victim";
        function.apply(Fixtures.userCreateRequested(op, Fixtures.NAME, "victim@example.com"));
        // The decision's user id is the victim's, its operation another one: a corrupt or forged event.
        CloudEvent forged = Fixtures.approvalDecided("op-user-forger", SignupSaga.userIdFor(op), false);

        RejectedEventException error = assertThrows(RejectedEventException.class, () -> function.apply(forged));

        assertTrue(error.getMessage().contains("op-user-forger"), error.getMessage());
        User user = user(op);
        assertEquals(UserState.PENDING_APPROVAL, user.state(), "another operation's decision must not settle this signup");
        assertNull(user.decidedBy());
        assertEquals(op, emails.findById("victim@example.com").orElseThrow().operationId());
        assertEquals(List.of(), results.drain(e -> op.equals(e.getSubject()) || "op-user-forger".equals(e.getSubject())));
    }

    @Test
    void aSignupWithoutEmailAsTheOriginalDemoSendsWorks() {
        String op = "op-user-no-email";
        String other = "op-user-no-email-2";
        CloudEvent request = Fixtures.userCreateRequested(op, "Charles Babbage", null);

        function.apply(request);
        function.apply(Fixtures.userCreateRequested(other, "Charles Babbage", null));

        User user = user(op);
        assertEquals(UserState.PENDING_APPROVAL, user.state());
        assertNull(user.email());
        assertEquals(UserState.PENDING_APPROVAL, user(other).state(), "two signups without an e-mail do not collide");
        CloudEvent ask = approvals.awaitOne(e -> e.getId().equals(EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_REQUESTED)));
        assertNull(codec.decode(ask, ApprovalRequested.class).email());

        CloudEvent decided = Fixtures.approvalDecided(op, SignupSaga.userIdFor(op), true);
        function.apply(decided);
        CloudEvent completed = results.awaitOne(e -> e.getId().equals(EventIds.derive(decided.getId(), BatonEventType.USER_CREATE_COMPLETED)));
        UserView view = codec.decode(completed, UserCreateCompleted.class).user();
        assertEquals("Charles Babbage", view.name());
        assertNull(view.email());
        assertEquals("APPROVED", view.state());
    }

    @Test
    void aRedeliveredRejectionReleasesTheAddressEvenIfTheFirstDeliveryStoppedHalfway() {
        String op = "op-user-crash";
        String email = "crash@example.com";
        function.apply(Fixtures.userCreateRequested(op, Fixtures.NAME, email));
        CloudEvent decided = Fixtures.approvalDecided(op, SignupSaga.userIdFor(op), false);
        // What a first delivery leaves behind when the process dies between settling the user and releasing
        // the address: the user is REJECTED, the address still claimed, the offset not committed.
        users.settle(SignupSaga.userIdFor(op), UserState.REJECTED, REJECTION_REASON, SignupSaga.APPROVAL_REJECTED,
                decided.getId(), Instant.now());
        assertTrue(emails.findById(email).isPresent());

        Outcome redelivered = function.apply(decided);

        assertEquals(EventIds.derive(decided.getId(), BatonEventType.USER_CREATE_FAILED), redelivered.published().get(0).id());
        assertTrue(emails.findById(email).isEmpty(), "the redelivery must finish the job and release the address");
    }

    @Test
    void eventsItCanNeverProcessAreRejected() {
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.invalidData(BatonEventType.USER_CREATE_REQUESTED)));
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.invalidData(BatonEventType.USER_APPROVAL_DECIDED)));
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.malformedData(BatonEventType.USER_CREATE_REQUESTED)));
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.malformedData(BatonEventType.USER_APPROVAL_DECIDED)));
        RejectedEventException unknown = assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.unknownType()));
        assertTrue(unknown.getMessage().contains("baton-user"), unknown.getMessage());
        // Baton events, but not ones the user function consumes.
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.approvalRequested()));
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.userCreateCompleted(Fixtures.OPERATION_ID)));
        assertTrue(users.findById(SignupSaga.userIdFor(Fixtures.OPERATION_ID)).isEmpty(), "nothing was created");
    }

    private User user(String operationId) {
        return users.findById(SignupSaga.userIdFor(operationId)).orElseThrow(() -> new AssertionError("no user for " + operationId));
    }

    private long usersOf(String operationId) {
        return users.findAll().stream().filter(u -> u.operationId().equals(operationId)).count();
    }
}
