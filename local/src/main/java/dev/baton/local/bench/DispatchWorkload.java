package dev.baton.local.bench;

import dev.baton.eventing.contract.BatonEventType;

import java.time.Instant;
import java.util.List;

/**
 * What {@code --dispatch} sends to one function. The schedule is of units: a unit is one event, or for the user
 * function one signup, its {@code create.requested} and then, once that is accepted, its {@code approval.decided}.
 * Units are numbered across a run's warmup and measured phase, so that each has events of its own.
 */
interface DispatchWorkload {

    /** Events per unit when every event is accepted. */
    int eventsPerUnit();

    /** The first event of unit {@code unit}. */
    DispatchEvent first(long unit);

    /** The event to send once {@code accepted} was answered 2xx, or null when the unit is done. */
    DispatchEvent after(DispatchEvent accepted);

    /** Approval requests for users that need not exist: the approval function is stateless. */
    static DispatchWorkload approval(String runId) {
        return new DispatchWorkload() {
            @Override
            public int eventsPerUnit() {
                return 1;
            }

            @Override
            public DispatchEvent first(long unit) {
                String name = "bench-" + runId + "-" + unit;
                return DispatchEvents.approvalRequested(DispatchEvents.operationIdFor(name), name);
            }

            @Override
            public DispatchEvent after(DispatchEvent accepted) {
                return null;
            }
        };
    }

    /** The user function's two inputs of one signup: the request, which creates the user, then its decision. */
    static DispatchWorkload user(String runId) {
        return new DispatchWorkload() {
            @Override
            public int eventsPerUnit() {
                return 2;
            }

            @Override
            public DispatchEvent first(long unit) {
                String name = "bench-" + runId + "-" + unit;
                return DispatchEvents.createRequested(DispatchEvents.operationIdFor(name), name);
            }

            @Override
            public DispatchEvent after(DispatchEvent accepted) {
                return accepted.type() == BatonEventType.USER_CREATE_REQUESTED
                        ? DispatchEvents.approvalDecided(accepted.operationId()) : null;
            }
        };
    }

    /** Completions of operations that exist: those created by {@link OperationSetup}, unit n for the n-th. */
    static DispatchWorkload operation(List<OperationSetup.Created> operations) {
        return new DispatchWorkload() {
            @Override
            public int eventsPerUnit() {
                return 1;
            }

            @Override
            public DispatchEvent first(long unit) {
                OperationSetup.Created operation = operations.get((int) unit);
                return DispatchEvents.createCompleted(operation.id(), operation.name(), Instant.now());
            }

            @Override
            public DispatchEvent after(DispatchEvent accepted) {
                return null;
            }
        };
    }
}
