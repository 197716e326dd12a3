package dev.baton.approval;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.payload.ApprovalDecided;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.EventRoutes;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.Replies;
import io.cloudevents.CloudEvent;
import io.micronaut.function.FunctionBean;

/**
 * Stateless: decides an approval request and publishes the decision. The decision's id is derived
 * from the request's, and the rules are deterministic, so a redelivered request yields the same event.
 */
@FunctionBean("approval")
public class ApprovalFunction implements CloudEventFunction {
    private final EventRoutes routes;
    private final Replies replies;
    private final Approver approver;
    private final ApprovalConfig config;

    public ApprovalFunction(EventRoutes routes, Replies replies, Approver approver, ApprovalConfig config) {
        this.replies = replies;
        this.approver = approver;
        this.config = config;
        this.routes = routes.on(ApprovalRequested.class, this::decide);
    }

    @Override
    public Outcome apply(CloudEvent event) {
        return routes.dispatch(event);
    }

    private Outcome decide(ApprovalRequested request, CloudEvent event) {
        simulateWork();
        Approver.Verdict verdict = approver.decide(request);
        ApprovalDecided decided = new ApprovalDecided(request.operationId(), request.userId(), verdict.decision(), verdict.reason());
        return Outcome.of(event.getId(), verdict.decision().name().toLowerCase(),
                replies.reply(BatonEventType.USER_APPROVAL_DECIDED, event.getId(), decided));
    }

    private void simulateWork() {
        if (config.workTime().isZero()) {
            return;
        }
        try {
            Thread.sleep(config.workTime().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during approval work", e);
        }
    }
}
