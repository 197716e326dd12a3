package dev.baton.operation;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.function.Replies;
import jakarta.inject.Singleton;

/** Publishes an operation's signup request; its id depends only on the operation, so a re-send is a recognisable duplicate. */
@Singleton
public class SignupRequestPublisher {
    private final Replies replies;

    public SignupRequestPublisher(Replies replies) {
        this.replies = replies;
    }

    public void publish(Operation operation) {
        UserCreateRequested request = new UserCreateRequested(operation.id(), operation.name(), operation.email());
        replies.reply(BatonEventType.USER_CREATE_REQUESTED, operation.id(), request);
    }
}
