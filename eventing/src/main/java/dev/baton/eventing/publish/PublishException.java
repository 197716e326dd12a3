package dev.baton.eventing.publish;

/** Kafka did not acknowledge an event in time. Transient: the delivery is retried. */
public class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
