package dev.baton.operation;

import dev.baton.eventing.telemetry.EventTracing;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Recording an operation and publishing its request are two steps, and an instance can die between
 * them: the operation is then pending with no request on Kafka, and nothing but its deadline would
 * end it. So a starting instance re-sends the request of every operation that was pending before it
 * started, under the request's deterministic id. Where the first send did arrive, the copy is a
 * duplicate that every handler recognises; where it did not, the copy is what finishes the signup.
 * The operation document itself is the outbox: no second collection, no extra write per signup.
 */
@Singleton
public class OperationRedrive implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRedrive.class);

    private final OperationRepository repository;
    private final SignupRequestPublisher requests;
    private final OperationConfig config;
    private final TaskScheduler scheduler;
    private final EventTracing tracing;
    private final Clock clock = Clock.systemUTC();

    public OperationRedrive(OperationRepository repository, SignupRequestPublisher requests, OperationConfig config,
                            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, EventTracing tracing) {
        this.tracing = tracing;
        this.repository = repository;
        this.requests = requests;
        this.config = config;
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Instant started = clock.instant();
        // The delay lets the results already waiting on Kafka be recorded first, so fewer copies are sent.
        scheduler.schedule(config.redriveDelay(), () -> redriveSafely(started));
    }

    /** Re-sends the requests of the operations pending since before {@code started}; returns how many. */
    public int redrive(Instant started) {
        List<Operation> pending = repository.findPendingBefore(started, clock.instant());
        for (Operation operation : pending) {
            // The copy continues the trace of the POST that accepted the operation, if it had one.
            try (Scope ignored = tracing.on() ? tracing.fromTraceparent(operation.traceparent()).makeCurrent() : Scope.noop()) {
                requests.publish(operation);
            }
        }
        if (!pending.isEmpty()) {
            LOG.info("re-sent the requests of {} operations that were pending before this instance started", pending.size());
        }
        return pending.size();
    }

    private void redriveSafely(Instant started) {
        try {
            redrive(started);
        } catch (RuntimeException e) {
            // PublishException included: Kafka may still be starting with the stack.
            LOG.warn("could not re-send pending requests, trying again in {}: {}", config.redriveDelay(), e.toString());
            scheduler.schedule(config.redriveDelay(), () -> redriveSafely(started));
        }
    }
}
