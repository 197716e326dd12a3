package dev.baton.eventing.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code baton.publisher.*}: how long a handler waits for Kafka to acknowledge what it publishes, in
 * all, from the first send. Together with {@link EventPublisher#MAX_BLOCK} it bounds a publish, and
 * that bound must stay below the KafkaSource delivery timeout (deploy-check compares them).
 */
@ConfigurationProperties("baton.publisher")
public record PublisherConfig(@Bindable(defaultValue = PublisherConfig.DEFAULT_ACK_TIMEOUT) Duration ackTimeout) {
    public static final String DEFAULT_ACK_TIMEOUT = "8s";
}
