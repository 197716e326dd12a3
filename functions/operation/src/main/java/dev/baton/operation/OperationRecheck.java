package dev.baton.operation;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds results recorded by another instance (several pods, or a separate event sink) for every
 * waiting GET at once: one query by id per interval, whatever the number of waiters. Re-reading once
 * per waiter instead made thousands of open waits cost thousands of reads a second under overload.
 * The interval is {@code baton.operation.recheck-interval}.
 */
@Singleton
public class OperationRecheck implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRecheck.class);
    private static final int BATCH = 1000;

    private final OperationRepository repository;
    private final OperationWaiters waiters;
    private final OperationConfig config;
    private final TaskScheduler scheduler;

    public OperationRecheck(OperationRepository repository, OperationWaiters waiters, OperationConfig config,
                            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.repository = repository;
        this.waiters = waiters;
        this.config = config;
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(config.recheckInterval(), config.recheckInterval(), this::recheck);
    }

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
