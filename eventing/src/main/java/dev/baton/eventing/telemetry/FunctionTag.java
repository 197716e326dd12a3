package dev.baton.eventing.telemetry;

import dev.baton.eventing.contract.BatonFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.metrics.aggregator.MeterRegistryConfigurer;
import jakarta.inject.Singleton;

/**
 * Tags every meter with {@code function} (operation, user or approval), so one Prometheus query can
 * span all three without relying on scrape labels. Set on the registry as it is created, before any
 * meter is registered.
 */
@Singleton
public class FunctionTag implements MeterRegistryConfigurer<MeterRegistry> {
    public static final String TAG = "function";

    private final BatonFunction function;

    public FunctionTag(BatonFunction function) {
        this.function = function;
    }

    @Override
    public void configure(MeterRegistry registry) {
        registry.config().commonTags(TAG, function.functionName());
    }

    @Override
    public Class<MeterRegistry> getType() {
        return MeterRegistry.class;
    }
}
