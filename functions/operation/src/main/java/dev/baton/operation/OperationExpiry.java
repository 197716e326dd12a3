package dev.baton.operation;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends operations nobody will finish (an event dead-lettered downstream), so every accepted operation reaches a terminal state. */
@Singleton
public class OperationExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(OperationExpiry.class);

    private final Operations operations;

    public OperationExpiry(Operations operations) {
        this.operations = operations;
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
