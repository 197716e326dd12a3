package dev.baton.operation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code baton.operation.*} (env {@code BATON_OPERATION_*}).
 *
 * @param timeout         how long a signup may stay pending before it is FAILED with TIMEOUT
 * @param maxWait         the longest {@code ?wait=} a GET may hold
 * @param recheckInterval how often a waiting GET re-reads the database, for completions recorded by another instance
 * @param redriveDelay    how long after start the requests of operations pending since before the start are re-sent
 * @param expiryInterval  how often the operations this instance watches are swept for ones past their deadline
 */
@ConfigurationProperties("baton.operation")
public record OperationConfig(
        @Bindable(defaultValue = "5m") Duration timeout,
        @Bindable(defaultValue = "60s") Duration maxWait,
        @Bindable(defaultValue = "1s") Duration recheckInterval,
        @Bindable(defaultValue = "5s") Duration redriveDelay,
        @Bindable(defaultValue = "30s") Duration expiryInterval) {
}
