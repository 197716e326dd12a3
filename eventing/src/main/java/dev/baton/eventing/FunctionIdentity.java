package dev.baton.eventing;

import dev.baton.eventing.contract.BatonFunction;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Which Baton function this application is, from {@code baton.function} (set in each function's application.properties). */
@Factory
public class FunctionIdentity {
    @Singleton
    BatonFunction batonFunction(@Value("${baton.function}") String name) {
        return BatonFunction.named(name);
    }
}
