package dev.baton.operation;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.EventRoutes;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.RejectedEventException;
import io.cloudevents.CloudEvent;
import io.micronaut.function.FunctionBean;

/**
 * Records the result of a signup on its operation. The first result wins; duplicates change nothing.
 * A result is applied only if it is one the saga could have produced: from the user function's source
 * and, for a completion, naming the user derived from the operation id. These checks are a tripwire
 * behind the sink's access controls (anyone who can post an event can also set its source), not the
 * control itself; what they stop is an event that is not consistent with the operation.
 */
@FunctionBean("operation")
public class OperationFunction implements CloudEventFunction {
    private final Operations operations;
    private final EventRoutes routes;

    public OperationFunction(EventRoutes routes, Operations operations) {
        this.operations = operations;
        this.routes = routes.on(UserCreateCompleted.class, this::onCompleted)
                .on(UserCreateFailed.class, this::onFailed);
    }

    @Override
    public Outcome apply(CloudEvent event) {
        return routes.dispatch(event);
    }

    private Outcome onCompleted(UserCreateCompleted completed, CloudEvent event) {
        fromTheUserFunction(event);
        String expectedUser = EventIds.userIdFor(completed.operationId());
        if (!expectedUser.equals(completed.user().id())) {
            throw new RejectedEventException("completion of operation " + completed.operationId() + " names user "
                    + completed.user().id() + ", not the operation's user " + expectedUser);
        }
        known(completed.operationId(), operations.completed(completed.operationId(), completed.user(), completed.decidedAt()));
        return Outcome.of(event.getId(), "operation " + completed.operationId() + " completed");
    }

    private Outcome onFailed(UserCreateFailed failed, CloudEvent event) {
        fromTheUserFunction(event);
        known(failed.operationId(), operations.failed(failed.operationId(), failed.error(), failed.decidedAt()));
        return Outcome.of(event.getId(), "operation " + failed.operationId() + " failed: " + failed.error().code());
    }

    private static void fromTheUserFunction(CloudEvent event) {
        if (!BatonFunction.USER.source().equals(event.getSource())) {
            throw new RejectedEventException(event.getType() + " from source " + event.getSource()
                    + ": only " + BatonFunction.USER.source() + " reports signup results");
        }
    }

    private static void known(String operationId, boolean exists) {
        if (!exists) {
            throw new RejectedEventException("no operation " + operationId);
        }
    }
}
