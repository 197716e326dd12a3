package dev.baton.operation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The operation function's meters (knative/observability/function-metrics.yaml): operations entering
 * each state, the pending ones this instance watches, and the time from the POST that accepted an
 * operation to its terminal state, recorded when the result arrives. Built once, at zero.
 */
@Singleton
public class OperationMetrics {
    public static final String OPERATIONS = "baton.operations";
    public static final String PENDING = "baton.operations.pending";
    public static final String DURATION = "baton.operation.duration";

    /** The state tag: the stored states, and EXPIRED for a signup FAILED with TIMEOUT at its deadline. */
    enum Entered { PENDING, COMPLETED, FAILED, EXPIRED }

    private final Map<Entered, Counter> entered = new EnumMap<>(Entered.class);
    private final Map<Entered, Timer> durations = new EnumMap<>(Entered.class);

    public OperationMetrics(MeterRegistry registry, OperationDeadlines deadlines) {
        for (Entered state : Entered.values()) {
            entered.put(state, Counter.builder(OPERATIONS).description("Operations that entered each state, as recorded here")
                    .tag("state", state.name()).register(registry));
            if (state != Entered.PENDING) {
                durations.put(state, Timer.builder(DURATION)
                        .description("Time from the POST that accepted an operation to its terminal state")
                        .tag("state", state.name())
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(10))
                        .register(registry));
            }
        }
        Gauge.builder(PENDING, deadlines, OperationDeadlines::size)
                .description("Pending operations whose deadline this instance watches")
                .register(registry);
    }

    void accepted() {
        entered.get(Entered.PENDING).increment();
    }

    /** The operation, accepted at {@code createdAt}, ended now in {@code state}. */
    void ended(Entered state, Instant createdAt, Instant now) {
        entered.get(state).increment();
        durations.get(state).record(Duration.between(createdAt, now));
    }

    /** Operations ended in bulk whose times are not known (left behind by an instance that died). */
    void expired(long count) {
        entered.get(Entered.EXPIRED).increment(count);
    }
}
