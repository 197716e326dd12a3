package dev.baton.approval;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.payload.ApprovalDecided;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.EventRoutes;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.publish.EventPublisher;
import io.cloudevents.CloudEvent;
import io.micronaut.function.FunctionBean;

/**
 * Stateless: decides an approval request and publishes the decision. The decision's id is derived
 * from the request's, and the rules are deterministic, so a redelivered request yields the same event.
 */
@FunctionBean("approval")
public class ApprovalFunction implements CloudEventFunction {
    private final EventCodec codec;
    private final EventPublisher publisher;
    private final Approver approver;
    private final ApprovalConfig config;
    private final EventRoutes routes = new EventRoutes(BatonFunction.APPROVAL);

    public ApprovalFunction(EventCodec codec, EventPublisher publisher, Approver approver, ApprovalConfig config) {
        this.codec = codec;
        this.publisher = publisher;
        this.approver = approver;
        this.config = config;
        routes.on(BatonEventType.USER_APPROVAL_REQUESTED, this::decide);
    }

    @Override
    public Outcome apply(CloudEvent event) {
        return routes.dispatch(event);
    }

    private Outcome decide(CloudEvent event) {
        ApprovalRequested request = codec.decode(event, ApprovalRequested.class);
        simulateWork();
        Approver.Verdict verdict = approver.decide(request);
        ApprovalDecided decided = new ApprovalDecided(request.operationId(), request.userId(), verdict.decision(), verdict.reason());
        CloudEvent out = codec.encode(BatonEventType.USER_APPROVAL_DECIDED,
                EventIds.derive(event.getId(), BatonEventType.USER_APPROVAL_DECIDED), decided, BatonFunction.APPROVAL);
        return Outcome.of(event.getId(), verdict.decision().name().toLowerCase(), publisher.publish(out));
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
