package dev.baton.operation;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.publish.EventPublisher;
import jakarta.inject.Singleton;

/**
 * Publishes an operation's signup request; its id depends only on the operation, so a re-send is a recognisable duplicate.
 * It carries the whole pending operation as recorded (key, times), so every copy is the same and the view can be rebuilt from it.
 */
@Singleton
public class SignupRequestPublisher {
    private final EventCodec codec;
    private final EventPublisher publisher;

    public SignupRequestPublisher(EventCodec codec, EventPublisher publisher) {
        this.codec = codec;
        this.publisher = publisher;
    }

    public void publish(Operation operation) {
        UserCreateRequested request = new UserCreateRequested(operation.id(), operation.name(), operation.email(),
                operation.idempotencyKey(), operation.createdAt(), operation.deadline());
        publisher.publish(codec.encode(BatonEventType.USER_CREATE_REQUESTED,
                EventIds.derive(operation.id(), BatonEventType.USER_CREATE_REQUESTED), request, BatonFunction.OPERATION));
    }
}
