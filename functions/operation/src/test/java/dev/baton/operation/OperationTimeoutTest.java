package dev.baton.operation;

import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every accepted operation ends: one still pending after {@code baton.operation.timeout} is FAILED with TIMEOUT. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationTimeoutTest extends OperationApiTest {

    @Inject
    Operations operations;

    @Inject
    OperationFunction function;

    @Override
    public Map<String, String> getProperties() {
        return TestHttp.properties("baton.operation.timeout", "1s", "baton.operation.expiry-interval", "200ms");
    }

    @Test
    void pendingOperationReadAfterItsDeadlineHasFailedWithTimeout() {
        Reply created = signup("timeout-read");
        assertEquals("PENDING", created.map().get("state"));

        Map<String, Object> failed = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(created.location()).map(), body -> "FAILED".equals(body.get("state")));

        assertEquals(true, failed.get("done"));
        assertNull(failed.get("result"));
        Map<String, Object> error = TestHttp.object(failed, "error");
        assertEquals("TIMEOUT", error.get("code"));
        assertTrue(((String) error.get("message")).contains("deadline"), error.toString());
    }

    @Test
    void lateCompletionDoesNotReviveATimedOutOperation() {
        Reply created = signup("timeout-late");
        String id = (String) created.map().get("id");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> "FAILED".equals(get(created.location()).map().get("state")));

        function.apply(Fixtures.userCreateCompleted(id));

        Map<String, Object> body = get(created.location()).map();
        assertEquals("FAILED", body.get("state"));
        assertEquals("TIMEOUT", TestHttp.object(body, "error").get("code"));
        assertNull(body.get("result"));
    }

    @Test
    void expirySweepFailsTheOverdueOperationsThisInstanceAcceptedThatNobodyReads() {
        String id = (String) signup("timeout-unread").map().get("id");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            operations.expireOverdue();
            return repository.findById(id).orElseThrow().state() == OperationState.FAILED;
        });

        Operation expired = repository.findById(id).orElseThrow();
        assertEquals("TIMEOUT", expired.errorCode());
        assertEquals(expired.deadline(), expired.updatedAt(), "ended as of its deadline, not of the sweep");
    }

    @Test
    void theScheduledSweepEndsAnOverdueOperationWithoutAnyRead() {
        String id = (String) signup("timeout-swept").map().get("id");

        // Neither a GET nor a call here: only the sweep every expiry-interval can end it.
        Operation swept = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> repository.findById(id).orElseThrow(), operation -> operation.state() == OperationState.FAILED);

        assertEquals("TIMEOUT", swept.errorCode());
        assertTrue(!swept.updatedAt().isBefore(swept.deadline()), "ended at " + swept.updatedAt() + ", deadline " + swept.deadline());
    }

    @Test
    void atStartOverdueOperationsLeftBehindAreFailedAndPendingOnesWatched() {
        String overdue = "timeout-sweep-" + UUID.randomUUID();
        String current = "timeout-current-" + UUID.randomUUID();
        Instant now = Instant.now();
        repository.save(Operation.pending(overdue, "Overdue", "overdue@example.com", null, now.minusSeconds(60), now.minusSeconds(1)));
        repository.save(Operation.pending(current, "Current", "current@example.com", null, now, now.plusSeconds(600)));

        long expired = operations.adoptPending();

        assertTrue(expired >= 1, "expired " + expired);
        Operation swept = repository.findById(overdue).orElseThrow();
        assertEquals(OperationState.FAILED, swept.state());
        assertEquals("TIMEOUT", swept.errorCode());
        assertEquals(swept.deadline(), swept.updatedAt());
        assertEquals(OperationState.PENDING, repository.findById(current).orElseThrow().state());
    }

    @Test
    void finishedOperationPastItsDeadlineIsNotTouched() {
        String id = "timeout-finished-" + UUID.randomUUID();
        Instant past = Instant.now().minusSeconds(60);
        Operation completed = new Operation(id, Operation.TYPE_USER_CREATE, OperationState.COMPLETED, "Finished", "finished@example.com",
                null, Fixtures.USER_ID, "APPROVED", past, null, null, past, past, past.plusSeconds(1), null);
        repository.save(completed);

        operations.adoptPending();
        Map<String, Object> body = get("/operations/" + id).map();

        assertEquals("COMPLETED", body.get("state"));
        assertNull(body.get("error"));
        assertEquals(Fixtures.USER_ID, TestHttp.object(body, "result").get("id"));
        assertEquals(OperationState.COMPLETED, repository.findById(id).orElseThrow().state());
    }
}
