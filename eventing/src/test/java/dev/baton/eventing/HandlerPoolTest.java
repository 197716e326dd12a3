package dev.baton.eventing;

import io.micronaut.context.annotation.Property;
import io.micronaut.scheduling.executor.ExecutorConfiguration;
import io.micronaut.scheduling.executor.ExecutorType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pool the handlers run on is the bounded one the shared application.yml configures, whatever the JDK. */
// baton.function: the meter registry tags every meter with the function (FunctionTag).
@MicronautTest(startApplication = false)
@Property(name = "baton.function", value = "approval")
class HandlerPoolTest {
    private static final int BOUND = 64;

    @Inject
    @Named(HandlerPool.NAME)
    ExecutorService pool;

    @Inject
    @Named(HandlerPool.NAME)
    ExecutorConfiguration configuration;

    @Test
    void isAFixedPoolOfTheConfiguredSize() {
        assertEquals(ExecutorType.FIXED, configuration.getType());
        assertEquals(BOUND, configuration.getNumberOfThreads());
    }

    @Test
    void runsAtMostTheConfiguredNumberOfHandlersAtOnceAndQueuesTheRest() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        try {
            for (int i = 0; i < BOUND + 3; i++) {
                pool.execute(() -> {
                    running.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    finished.incrementAndGet();
                });
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> running.get() >= BOUND);
            // An unbounded pool (cached, or virtual threads) would start the other three at once.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> running.get() == BOUND);
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() == BOUND + 3);
        assertEquals(BOUND + 3, running.get());
    }
}
