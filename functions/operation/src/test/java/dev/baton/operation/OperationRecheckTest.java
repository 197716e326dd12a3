package dev.baton.operation;

import dev.baton.operation.TestHttp.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Results recorded by another instance (no signal here) reach the GETs waiting on this one through
 * the batched re-read: one query for all waiters, so many waiting clients cost one read per interval.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationRecheckTest extends OperationApiTest {

    @Inject
    OperationWaiters waiters;

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @Override
    public Map<String, String> getProperties() {
        return TestHttp.properties("baton.operation.recheck-interval", "200ms");
    }

    @AfterAll
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void manyWaitingGetsLearnOfResultsRecordedElsewhere() throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<Reply>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = signupId("recheck-" + i);
            ids.add(id);
            waiting.add(CompletableFuture.supplyAsync(() -> get("/operations/" + id + "?wait=60s"), callers));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters.waitedOn().containsAll(ids));

        // As another instance would: straight into the database, no signal to this one's waiters.
        for (int i = 0; i < ids.size(); i++) {
            if (i % 2 == 0) {
                repository.complete(ids.get(i), "u-" + i, "APPROVED", Instant.now(), Instant.now());
            } else {
                repository.fail(ids.get(i), "APPROVAL_REJECTED", "rejected elsewhere", Instant.now());
            }
        }

        for (int i = 0; i < ids.size(); i++) {
            // Well within the 60 s wait: only the re-read can have ended it this early.
            Reply reply = waiting.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(200, reply.status(), reply.body());
            assertEquals(i % 2 == 0 ? "COMPLETED" : "FAILED", reply.map().get("state"), reply.body());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> waiters.waitedOn().stream().noneMatch(ids::contains));
    }
}
