package dev.baton.operation;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.function.CloudEventFunction;
import dev.baton.eventing.function.EventRoutes;
import dev.baton.eventing.function.Outcome;
import dev.baton.eventing.function.RejectedEventException;
import io.cloudevents.CloudEvent;
import io.micronaut.function.FunctionBean;

/** Records the result of a signup on its operation. The first result wins; duplicates change nothing. */
@FunctionBean("operation")
public class OperationFunction implements CloudEventFunction {
    private final EventCodec codec;
    private final Operations operations;
    private final EventRoutes routes = new EventRoutes(BatonFunction.OPERATION);

    public OperationFunction(EventCodec codec, Operations operations) {
        this.codec = codec;
        this.operations = operations;
        routes.on(BatonEventType.USER_CREATE_COMPLETED, this::onCompleted)
                .on(BatonEventType.USER_CREATE_FAILED, this::onFailed);
    }

    @Override
    public Outcome apply(CloudEvent event) {
        return routes.dispatch(event);
    }

    private Outcome onCompleted(CloudEvent event) {
        UserCreateCompleted completed = codec.decode(event, UserCreateCompleted.class);
        known(completed.operationId(), operations.completed(completed.operationId(), completed.user()));
        return Outcome.of(event.getId(), "operation " + completed.operationId() + " completed");
    }

    private Outcome onFailed(CloudEvent event) {
        UserCreateFailed failed = codec.decode(event, UserCreateFailed.class);
        known(failed.operationId(), operations.failed(failed.operationId(), failed.error()));
        return Outcome.of(event.getId(), "operation " + failed.operationId() + " failed: " + failed.error().code());
    }

    private static void known(String operationId, boolean exists) {
        if (!exists) {
            throw new RejectedEventException("no operation " + operationId);
        }
    }
}
