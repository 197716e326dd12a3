package dev.baton.eventing.publish;

import dev.baton.eventing.function.RejectedEventException;

/**
 * Kafka refused an event for a reason no retry can change (too large, unserializable, an invalid
 * topic). A rejection, so both bindings answer 400 and dead-letter it at once instead of retrying for a minute.
 */
public class PermanentPublishException extends RejectedEventException {
    public PermanentPublishException(String reason) {
        super(reason);
    }
}
