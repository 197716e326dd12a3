package dev.baton.eventing.function;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.BatonPayload;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.publish.EventPublisher;
import jakarta.inject.Singleton;

/**
 * What a function publishes, as this function ({@link dev.baton.eventing.FunctionIdentity}): every
 * event it sends has an id derived from the one it follows from, so a redelivered input yields the
 * same output id and downstream handlers recognise the duplicate.
 */
@Singleton
public class Replies {
    private final EventCodec codec;
    private final EventPublisher publisher;
    private final BatonFunction function;

    public Replies(EventCodec codec, EventPublisher publisher, BatonFunction function) {
        this.codec = codec;
        this.publisher = publisher;
        this.function = function;
    }

    /**
     * Publishes {@code payload} as an event of {@code type} whose id is derived from {@code from} (the id
     * of the event that caused it, or of whatever else the output depends on only), and returns once
     * Kafka has acknowledged it.
     */
    public PublishedEvent reply(BatonEventType type, String from, BatonPayload payload) {
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(type.type() + " carries " + type.payloadType().getSimpleName()
                    + ", not " + payload.getClass().getSimpleName());
        }
        return publisher.publish(codec.encode(type, EventIds.derive(from, type), payload, function));
    }
}
