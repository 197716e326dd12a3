package dev.baton.operation;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends operations nobody will finish (an event dead-lettered downstream), so every accepted operation reaches a terminal state. */
@Singleton
public class OperationExpiry implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OperationExpiry.class);

    private final Operations operations;

    public OperationExpiry(Operations operations) {
        this.operations = operations;
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
    }

    @Scheduled(fixedDelay = "${baton.operation.expiry-interval:30s}", initialDelay = "10s")
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
