package dev.baton.eventing.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code baton.publisher.*}: how long a handler waits for Kafka to acknowledge what it publishes. */
@ConfigurationProperties("baton.publisher")
public record PublisherConfig(@Bindable(defaultValue = "10s") Duration ackTimeout) {
}
