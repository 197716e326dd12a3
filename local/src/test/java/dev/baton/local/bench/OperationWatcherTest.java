package dev.baton.local.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationWatcherTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private HttpLoop http;

    @AfterEach
    void stop() {
        timer.shutdownNow();
        if (http != null) {
            http.close();
        }
    }

    @Test
    void pollsAtMostTheLimitAtOnceAndFollowsEveryOperationToItsEnd() throws Exception {
        try (FakeOperationApi api = new FakeOperationApi(new FakeOperationApi.Behaviour(Duration.ofMillis(50), 4, 0, 0))) {
            http = new HttpLoop(api.url());
            Measurements measurements = new Measurements();
            OperationWatcher watcher = new OperationWatcher(http, timer, Duration.ofSeconds(5), 3);

            for (int i = 0; i < 20; i++) {
                Operation operation = new Operation(System.nanoTime(), measurements);
                operation.pollPath = "/operations/" + api.createOperation();
                watcher.watch(operation);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> measurements.terminal() == 20);
            assertEquals(15, measurements.completed());
            assertEquals(5, measurements.failed());
            assertTrue(api.maxConcurrentPolls() <= 3, "max concurrent polls " + api.maxConcurrentPolls());
            assertTrue(watcher.maxQueued() > 0, "17 operations had to wait for a slot");
            assertEquals(0, measurements.errorCount());
            watcher.stop();
        }
    }

    @Test
    void pollsAgainWhileAnOperationIsPendingAndCountsPollErrors() throws Exception {
        try (FakeOperationApi api = new FakeOperationApi(FakeOperationApi.Behaviour.allComplete(Duration.ofMillis(1500)))) {
            http = new HttpLoop(api.url());
            Measurements measurements = new Measurements();
            // 1 s polls for an operation that takes 1.5 s: the first poll comes back pending
            OperationWatcher watcher = new OperationWatcher(http, timer, Duration.ofSeconds(1), 10);
            Operation pending = new Operation(System.nanoTime(), measurements);
            pending.pollPath = "/operations/" + api.createOperation();
            Operation unknown = new Operation(System.nanoTime(), measurements);
            unknown.pollPath = "/operations/no-such-id";

            watcher.watch(pending);
            watcher.watch(unknown);

            await().atMost(Duration.ofSeconds(20)).until(() -> measurements.completed() == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> measurements.errorsByStatus().getOrDefault("GET 404", 0L) >= 2);
            assertTrue(api.polls() >= 3, "the pending operation was polled at least twice");
            watcher.stop();
        }
    }
}
