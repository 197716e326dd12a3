package dev.baton.operation;

import dev.baton.eventing.function.Replies;
import dev.baton.eventing.publish.EventPublisher;
import dev.baton.eventing.publish.PublishException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeoutException;

/**
 * Test-only, and only where {@code baton.test.kafka-down=true}: Kafka "is down" for signups whose
 * name starts with {@value #DOWN_PREFIX} — the publish fails with the {@link PublishException}
 * {@link EventPublisher} throws when Kafka does not acknowledge in time. Every other signup is
 * published for real.
 */
@Singleton
@Replaces(SignupRequestPublisher.class)
@Requires(property = "baton.test.kafka-down", value = "true")
class KafkaDownSignupRequestPublisher extends SignupRequestPublisher {
    static final String DOWN_PREFIX = "kafka-down";

    KafkaDownSignupRequestPublisher(Replies replies) {
        super(replies);
    }

    @Override
    public void publish(Operation operation) {
        if (operation.name().startsWith(DOWN_PREFIX)) {
            throw new PublishException("Kafka did not acknowledge the event within PT10S",
                    new TimeoutException("broker unavailable (test double for " + operation.name() + ")"));
        }
        super.publish(operation);
    }
}
