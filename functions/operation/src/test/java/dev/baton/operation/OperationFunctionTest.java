package dev.baton.operation;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.RejectedEventException;
import dev.baton.testkit.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operation function's handler called as a plain bean: results are recorded once, and never regress. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationFunctionTest extends OperationApiTest {

    @Inject
    OperationFunction function;

    @Inject
    CloudEventFunction handler;

    @Test
    void theHandlerBothBindingsCallRecordsTheResult() {
        String id = pending("fn-handler");

        Outcome outcome = handler.apply(Fixtures.userCreateFailed(id));

        assertEquals("fail-" + id, outcome.eventId());
        assertEquals(OperationState.FAILED, repository.findById(id).orElseThrow().state());
    }

    @Test
    void completedEventCompletesTheOperationWithTheUser() {
        String id = pending("fn-completed");

        Outcome outcome = function.apply(Fixtures.userCreateCompleted(id));

        assertEquals("done-" + id, outcome.eventId());
        assertTrue(outcome.published().isEmpty(), "recording a result publishes nothing");
        Operation op = repository.findById(id).orElseThrow();
        assertEquals(OperationState.COMPLETED, op.state());
        assertTrue(op.done());
        assertEquals(EventIds.userIdFor(id), op.userId());
        assertEquals("APPROVED", op.userState());
        assertEquals(Instant.parse("2026-11-21T12:00:00Z"), op.userCreatedAt());
        assertNull(op.errorCode());
        assertTrue(!op.updatedAt().isBefore(op.createdAt()));
    }

    @Test
    void aResultRecordsWhenItWasDecidedAsUpdatedAtSoTheViewCanBeRebuiltFromTheEvents() {
        String completedId = pending("fn-decided-at");
        String failedId = pending("fn-decided-at-failed");
        Instant decidedAt = repository.findById(completedId).orElseThrow().createdAt().plusMillis(1234);

        function.apply(Fixtures.userCreateCompleted(completedId, decidedAt));
        function.apply(Fixtures.userCreateFailed(failedId, decidedAt));

        assertEquals(decidedAt, repository.findById(completedId).orElseThrow().updatedAt());
        assertEquals(decidedAt, repository.findById(failedId).orElseThrow().updatedAt());
        assertEquals(OperationState.FAILED, repository.findById(failedId).orElseThrow().state());
    }

    @Test
    void aResultDecidedAfterTheDeadlineIsTooLateAndTheOperationEndsWithTimeoutAtItsDeadline() {
        String id = "fn-too-late-" + UUID.randomUUID();
        Instant deadline = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        repository.save(Operation.pending(id, "Ada Late", "ada@example.com", null, deadline.minusSeconds(300), deadline));

        function.apply(Fixtures.userCreateCompleted(id, deadline.plusMillis(1)));

        Operation op = repository.findById(id).orElseThrow();
        assertEquals(OperationState.FAILED, op.state());
        assertEquals("TIMEOUT", op.errorCode());
        assertEquals(deadline, op.updatedAt(), "a timeout happens at the deadline, whenever it is noticed");
        assertNull(op.userId());
    }

    @Test
    void failedEventFailsTheOperationWithTheError() {
        String id = pending("fn-failed");

        function.apply(Fixtures.userCreateFailed(id));

        Operation op = repository.findById(id).orElseThrow();
        assertEquals(OperationState.FAILED, op.state());
        assertEquals("APPROVAL_REJECTED", op.errorCode());
        assertEquals("e-mail domain blocked.example is blocked", op.errorMessage());
        assertNull(op.userId());
    }

    @Test
    void duplicateCompletionChangesNothing() {
        String id = pending("fn-duplicate");
        function.apply(Fixtures.userCreateCompleted(id));
        Operation first = repository.findById(id).orElseThrow();

        Outcome again = function.apply(Fixtures.userCreateCompleted(id));

        assertEquals("done-" + id, again.eventId(), "a duplicate is acknowledged, not rejected");
        Operation second = repository.findById(id).orElseThrow();
        assertEquals(first.updatedAt(), second.updatedAt());
        assertEquals(first, second);
    }

    @Test
    void failedAfterCompletedDoesNotRegress() {
        String id = pending("fn-late-failure");
        function.apply(Fixtures.userCreateCompleted(id));
        Operation completed = repository.findById(id).orElseThrow();

        function.apply(Fixtures.userCreateFailed(id));

        Operation after = repository.findById(id).orElseThrow();
        assertEquals(OperationState.COMPLETED, after.state());
        assertNull(after.errorCode());
        assertEquals(completed, after);
    }

    @Test
    void completedAfterFailedDoesNotRegress() {
        String id = pending("fn-late-completion");
        function.apply(Fixtures.userCreateFailed(id));
        Operation failed = repository.findById(id).orElseThrow();

        function.apply(Fixtures.userCreateCompleted(id));

        assertEquals(failed, repository.findById(id).orElseThrow());
    }

    @Test
    void completionNamingAnotherUserIsRejectedAndChangesNothing() {
        String id = pending("fn-forged-user");
        Operation before = repository.findById(id).orElseThrow();

        RejectedEventException rejected = assertThrows(RejectedEventException.class,
                () -> function.apply(Fixtures.userCreateCompleted(id, "u-evil", "/baton/user")));

        assertTrue(rejected.getMessage().contains("u-evil"), rejected.getMessage());
        assertEquals(before, repository.findById(id).orElseThrow());
    }

    @Test
    void resultFromAnotherSourceIsRejectedAndChangesNothing() {
        String id = pending("fn-forged-source");
        Operation before = repository.findById(id).orElseThrow();

        RejectedEventException rejected = assertThrows(RejectedEventException.class,
                () -> function.apply(Fixtures.userCreateCompleted(id, EventIds.userIdFor(id), "/baton/approval")));
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.userCreateFailed(id, "/elsewhere")));

        assertTrue(rejected.getMessage().contains("/baton/approval"), rejected.getMessage());
        assertEquals(before, repository.findById(id).orElseThrow());
    }

    @Test
    void eventForAnUnknownOperationIsRejected() {
        String unknown = "fn-unknown-" + UUID.randomUUID();

        RejectedEventException rejected = assertThrows(RejectedEventException.class,
                () -> function.apply(Fixtures.userCreateCompleted(unknown)));

        assertTrue(rejected.getMessage().contains(unknown), rejected.getMessage());
        assertTrue(repository.findById(unknown).isEmpty(), "an unknown operation is not created by its result");
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.userCreateFailed(unknown)));
    }

    @Test
    void unknownTypeIsRejected() {
        RejectedEventException rejected = assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.unknownType()));

        assertTrue(rejected.getMessage().contains("unknown event type"), rejected.getMessage());
    }

    @Test
    void eventTypeOfAnotherFunctionIsRejected() {
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.userCreateRequested()));
    }

    @Test
    void malformedDataIsRejected() {
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.malformedData(BatonEventType.USER_CREATE_COMPLETED)));
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.malformedData(BatonEventType.USER_CREATE_FAILED)));
    }

    @Test
    void invalidDataIsRejected() {
        RejectedEventException rejected = assertThrows(RejectedEventException.class,
                () -> function.apply(Fixtures.invalidData(BatonEventType.USER_CREATE_COMPLETED)));

        assertTrue(rejected.getMessage().contains("user"), rejected.getMessage());
        assertThrows(RejectedEventException.class, () -> function.apply(Fixtures.invalidData(BatonEventType.USER_CREATE_FAILED)));
    }
}
