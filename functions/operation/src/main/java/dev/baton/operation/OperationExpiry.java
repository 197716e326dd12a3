package dev.baton.operation;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Ends operations nobody will finish (an event dead-lettered downstream), so every accepted operation
 * reaches a terminal state: at start, those an instance that died left behind; then every
 * {@code baton.operation.expiry-interval}, those this instance watches.
 */
@Singleton
public class OperationExpiry implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OperationExpiry.class);
    /** The first sweep waits for the start to settle, unless the interval is shorter. */
    private static final Duration FIRST_SWEEP = Duration.ofSeconds(10);

    private final Operations operations;
    private final OperationConfig config;
    private final TaskScheduler scheduler;

    public OperationExpiry(Operations operations, OperationConfig config, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.operations = operations;
        this.config = config;
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            long expired = operations.adoptPending();
            if (expired > 0) {
                LOG.warn("{} operations left behind had passed their deadline and were marked FAILED with TIMEOUT", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not adopt pending operations; their reads still end them at their deadline: {}", e.toString());
        }
        Duration interval = config.expiryInterval();
        scheduler.scheduleWithFixedDelay(interval.compareTo(FIRST_SWEEP) < 0 ? interval : FIRST_SWEEP, interval, this::expire);
    }

    void expire() {
        try {
            long expired = operations.expireOverdue();
            if (expired > 0) {
                LOG.warn("{} operations passed their deadline and were marked FAILED with TIMEOUT", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not expire overdue operations: {}", e.toString());
        }
    }
}
