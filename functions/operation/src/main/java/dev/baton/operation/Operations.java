package dev.baton.operation;

import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserView;
import dev.baton.eventing.http.ApiException;
import dev.baton.eventing.publish.PublishException;
import dev.baton.eventing.store.DuplicateKeys;
import dev.baton.eventing.telemetry.EventTracing;
import dev.baton.operation.OperationMetrics.Entered;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Accepts signups, records their results and ends overdue ones: the operation function's logic. */
@Singleton
public class Operations {
    private static final int EXPIRY_BATCH = 1000;

    private final OperationRepository repository;
    private final SignupRequestPublisher requests;
    private final OperationWaiters waiters;
    private final OperationConfig config;
    private final OperationDeadlines deadlines;
    private final OperationMetrics metrics;
    private final EventTracing tracing;
    /** Milliseconds, as MongoDB stores them: the times a POST reports are the ones every later read returns. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    public Operations(OperationRepository repository, SignupRequestPublisher requests, OperationWaiters waiters,
                      OperationConfig config, OperationDeadlines deadlines, OperationMetrics metrics, EventTracing tracing) {
        this.deadlines = deadlines;
        this.metrics = metrics;
        this.tracing = tracing;
        this.repository = repository;
        this.requests = requests;
        this.waiters = waiters;
        this.config = config;
    }

    /**
     * Records a pending operation and publishes its request. With an idempotency key the operation id
     * is derived from the key, so a retried POST finds the first operation instead of starting another
     * signup; its request is re-sent while it is still pending, in case the first send was lost.
     */
    public Operation accept(String name, @Nullable String email, @Nullable String idempotencyKey) {
        String id = idempotencyKey == null ? UUID.randomUUID().toString() : EventIds.derive(idempotencyKey, "dev.baton.operation");
        Instant now = clock.instant();
        // The POST's trace, kept so the operation names it and a re-sent request continues it.
        Operation pending = Operation.pending(id, name, email, idempotencyKey, now, now.plus(config.timeout()),
                tracing.currentTraceparent());
        try {
            repository.save(pending);
        } catch (RuntimeException e) {
            if (!DuplicateKeys.isDuplicateKey(e)) {
                throw e;
            }
            return retried(pending);
        }
        try {
            requests.publish(pending);
        } catch (PublishException e) {
            repository.withdraw(id);
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not-accepted", "Signup not accepted",
                    "the signup could not be queued (" + e.getMessage() + "); nothing was recorded, retry later");
        }
        deadlines.watch(id, pending.deadline());
        metrics.accepted();
        return pending;
    }

    private Operation retried(Operation attempt) {
        Operation existing = repository.findById(attempt.id()).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT,
                "idempotency-conflict", "Request in progress", "a request with this Idempotency-Key is being processed, retry"));
        if (!Objects.equals(existing.name(), attempt.name()) || !Objects.equals(existing.email(), attempt.email())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different signup request");
        }
        if (!existing.done()) {
            try {
                requests.publish(existing);
            } catch (PublishException e) {
                // Recorded, but its request may never have reached Kafka: not an answer to rely on yet.
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not-accepted", "Signup not accepted yet",
                        "a signup with this Idempotency-Key is recorded but its request could not be re-sent ("
                                + e.getMessage() + "); retry with the same key");
            }
            deadlines.watch(existing.id(), existing.deadline());
        }
        return existing;
    }

    /** The operation as it stands; a pending one past its deadline is ended with TIMEOUT first. */
    public Optional<Operation> find(String id) {
        Optional<Operation> found = repository.findById(id);
        if (found.isPresent() && !found.get().done() && found.get().deadline().isBefore(clock.instant())) {
            Instant now = clock.instant();
            if (repository.expire(id, found.get().deadline()) > 0) {
                metrics.ended(Entered.EXPIRED, found.get().createdAt(), now);
            }
            deadlines.forget(id);
            waiters.signal(id);
            return repository.findById(id);
        }
        return found;
    }

    /**
     * Records a completed signup, decided at {@code decidedAt} (the event's; now for events that do not say).
     * False if the operation is unknown; a duplicate, or a result decided after the deadline, changes nothing.
     * The POST-to-terminal time measured is to when this instance applied the result.
     */
    public boolean completed(String operationId, UserView user, @Nullable Instant decidedAt) {
        Instant now = clock.instant();
        return record(operationId, repository.complete(operationId, user.id(), user.state(), user.createdAt(), decidedAtOr(decidedAt, now)),
                Entered.COMPLETED, now);
    }

    public boolean failed(String operationId, ErrorInfo error, @Nullable Instant decidedAt) {
        Instant now = clock.instant();
        return record(operationId, repository.fail(operationId, error.code(), error.message(), decidedAtOr(decidedAt, now)),
                Entered.FAILED, now);
    }

    private static Instant decidedAtOr(@Nullable Instant decidedAt, Instant now) {
        return decidedAt == null ? now : decidedAt;
    }

    /** A result that changed nothing may have come too late: {@link #find} then ends the overdue operation with TIMEOUT. */
    private boolean record(String operationId, long changed, Entered state, Instant now) {
        if (changed > 0) {
            Instant deadline = deadlines.forget(operationId);
            waiters.signal(operationId);
            Instant createdAt = deadline != null ? deadline.minus(config.timeout()) : createdAt(operationId);
            if (createdAt != null) {
                metrics.ended(state, createdAt, now);
            }
            return true;
        }
        return find(operationId).isPresent();
    }

    /**
     * When an operation this instance does not watch was accepted: one read, only where the results
     * arrive at another instance than the POSTs (the event sink Service on Knative). A watched one's
     * is its deadline less the timeout, with no read.
     */
    @Nullable
    private Instant createdAt(String operationId) {
        return repository.findById(operationId).map(Operation::createdAt).orElse(null);
    }

    /** Ends the watched operations whose deadline passed: one read for all of them, one update for each still pending. */
    public long expireOverdue() {
        Instant now = clock.instant();
        List<String> due = deadlines.takeDue(now);
        long expired = 0;
        for (int from = 0; from < due.size(); from += EXPIRY_BATCH) {
            for (Operation operation : repository.findByIdIn(due.subList(from, Math.min(due.size(), from + EXPIRY_BATCH)))) {
                if (!operation.done() && repository.expire(operation.id(), operation.deadline()) > 0) {
                    waiters.signal(operation.id());
                    metrics.ended(Entered.EXPIRED, operation.createdAt(), now);
                    expired++;
                }
            }
        }
        return expired;
    }

    /**
     * Ends every overdue operation in the database, whoever accepted it, and watches the pending
     * ones from now on: what an instance that died left behind. Once, at start: it reads the whole
     * collection where the database has no index on state and deadline.
     */
    public long adoptPending() {
        Instant now = clock.instant();
        long expired = 0;
        for (Operation overdue : repository.findOverdue(now)) {
            expired += repository.expire(overdue.id(), overdue.deadline());
        }
        metrics.expired(expired);
        for (Operation operation : repository.findPendingBefore(now.plusSeconds(1), now)) {
            deadlines.watch(operation.id(), operation.deadline());
        }
        return expired;
    }
}
