package dev.baton.user;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.payload.ApprovalDecided;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.contract.payload.UserView;
import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.EventRoutes;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.RejectedEventException;
import dev.baton.eventing.function.Replies;
import io.cloudevents.CloudEvent;
import io.micronaut.function.FunctionBean;

/**
 * Coordinates the signup saga: a requested signup becomes a pending user and an approval request;
 * the decision settles the user and reports the signup's result. Whatever state a redelivered event
 * finds, the function (re)publishes the event that state calls for, under the same deterministic id.
 */
@FunctionBean("user")
public class UserFunction implements CloudEventFunction {
    private final Replies replies;
    private final SignupSaga saga;
    private final EventRoutes routes;

    public UserFunction(EventRoutes routes, Replies replies, SignupSaga saga) {
        this.replies = replies;
        this.saga = saga;
        this.routes = routes.on(UserCreateRequested.class, this::onCreateRequested)
                .on(ApprovalDecided.class, this::onApprovalDecided);
    }

    @Override
    public Outcome apply(CloudEvent event) {
        return routes.dispatch(event);
    }

    private Outcome onCreateRequested(UserCreateRequested request, CloudEvent event) {
        User user = saga.requested(request, event.getId());
        if (user.state() == UserState.PENDING_APPROVAL) {
            ApprovalRequested ask = new ApprovalRequested(user.operationId(), user.id(), user.name(), user.email(), user.createdAt());
            return Outcome.of(event.getId(), "user pending approval",
                    replies.reply(BatonEventType.USER_APPROVAL_REQUESTED, event.getId(), ask));
        }
        return reportResult(event, user);
    }

    private Outcome onApprovalDecided(ApprovalDecided decision, CloudEvent event) {
        User user = saga.decided(decision, event.getId()).orElseThrow(() -> new RejectedEventException(
                "no user " + decision.userId() + " for operation " + decision.operationId()));
        return reportResult(event, user);
    }

    /**
     * Publishes the signup's terminal event; its id depends only on the event that settled the user, and its data
     * only on the settled user as stored, so every copy is the same and carries what the views are rebuilt from.
     */
    private Outcome reportResult(CloudEvent event, User user) {
        if (user.state() == UserState.APPROVED) {
            UserView view = new UserView(user.id(), user.name(), user.email(), user.state().name(), user.createdAt());
            return Outcome.of(event.getId(), "user approved", replies.reply(BatonEventType.USER_CREATE_COMPLETED,
                    user.decidedBy(), new UserCreateCompleted(user.operationId(), view, user.reason(), user.decidedBy(), user.updatedAt())));
        }
        if (user.state() == UserState.REJECTED) {
            ErrorInfo error = new ErrorInfo(user.failureCode(), user.reason());
            UserView rejected = new UserView(user.id(), user.name(), user.email(), user.state().name(), user.createdAt());
            return Outcome.of(event.getId(), "signup failed: " + user.failureCode(), replies.reply(BatonEventType.USER_CREATE_FAILED,
                    user.decidedBy(), new UserCreateFailed(user.operationId(), error, rejected, user.decidedBy(), user.updatedAt())));
        }
        return Outcome.of(event.getId(), "user still pending approval");
    }
}
