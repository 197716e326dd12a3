package dev.baton.operation;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds results recorded by another instance (several pods, or a separate event sink) for every
 * waiting GET at once: one query by id per interval, whatever the number of waiters. Re-reading once
 * per waiter instead made thousands of open waits cost thousands of reads a second under overload.
 */
@Singleton
public class OperationRecheck {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRecheck.class);
    private static final int BATCH = 1000;

    private final OperationRepository repository;
    private final OperationWaiters waiters;

    public OperationRecheck(OperationRepository repository, OperationWaiters waiters) {
        this.repository = repository;
        this.waiters = waiters;
    }

    @Scheduled(fixedDelay = "${baton.operation.recheck-interval:1s}", initialDelay = "${baton.operation.recheck-interval:1s}")
    void recheck() {
        try {
            List<String> ids = new ArrayList<>(waiters.waitedOn());
            for (int from = 0; from < ids.size(); from += BATCH) {
                for (Operation operation : repository.findByIdIn(ids.subList(from, Math.min(ids.size(), from + BATCH)))) {
                    if (operation.done()) {
                        waiters.finished(operation);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not re-read the operations waited on: {}", e.toString());
        }
    }
}
