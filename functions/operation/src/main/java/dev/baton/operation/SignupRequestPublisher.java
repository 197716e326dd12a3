package dev.baton.operation;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.function.Replies;
import jakarta.inject.Singleton;

/**
 * Publishes an operation's signup request; its id depends only on the operation, so a re-send is a recognisable duplicate.
 * It carries the whole pending operation as recorded (key, times), so every copy is the same and the view can be rebuilt from it.
 */
@Singleton
public class SignupRequestPublisher {
    private final Replies replies;

    public SignupRequestPublisher(Replies replies) {
        this.replies = replies;
    }

    public void publish(Operation operation) {
        UserCreateRequested request = new UserCreateRequested(operation.id(), operation.name(), operation.email(),
                operation.idempotencyKey(), operation.createdAt(), operation.deadline());
        replies.reply(BatonEventType.USER_CREATE_REQUESTED, operation.id(), request);
    }
}
