package dev.baton.local.replay;

import com.mongodb.client.model.Filters;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.contract.payload.ErrorInfo;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.telemetry.EventTracing;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code operation_service.operations} from {@code user.create.requested} (the operation as accepted) and the
 * completed/failed events (its result), with the operation function's rules: the first result decided before
 * the deadline wins, only the user function's results for the operation's own user count, and an operation
 * with no such result is FAILED with TIMEOUT as of its deadline once that has passed.
 */
final class OperationsView implements View {
    static final String COLLECTION = "operations";
    private static final String TYPE_USER_CREATE = "user.create";

    private final Instant now;
    private final Map<String, Document> operations = new LinkedHashMap<>();
    private final Tally tally = new Tally();

    /** @param now the time the rebuild reads the log at: what has passed its deadline by then has timed out */
    OperationsView(Instant now) {
        this.now = now;
    }

    @Override
    public String name() {
        return "operations";
    }

    @Override
    public BatonFunction function() {
        return BatonFunction.OPERATION;
    }

    @Override
    public List<Topic> topics() {
        return List.of(Topic.USER_CREATE, Topic.USER_CREATE_RESPONSE);
    }

    @Override
    public void add(EventData event) {
        switch (event.type()) {
            case USER_CREATE_REQUESTED -> requested(event, event.payload(UserCreateRequested.class));
            case USER_CREATE_COMPLETED, USER_CREATE_FAILED -> result(event);
            default -> tally.add("events of other types, not part of this view");
        }
    }

    private void requested(EventData event, UserCreateRequested request) {
        if (operations.containsKey(request.operationId())) {
            tally.add("copies of a request already read (re-sent under the same id)");
            return;
        }
        if (request.createdAt() == null || request.deadline() == null) {
            tally.add("requests without createdAt/deadline (written before the events carried them): dated by the event's time");
        }
        Instant createdAt = request.createdAt() != null ? request.createdAt() : event.time();
        Document operation = new Document("_id", request.operationId());
        Documents.put(operation, "type", TYPE_USER_CREATE);
        Documents.put(operation, "state", "PENDING");
        Documents.put(operation, "name", request.name());
        Documents.put(operation, "email", request.email());
        Documents.put(operation, "idempotencyKey", request.idempotencyKey());
        Documents.put(operation, "createdAt", createdAt);
        Documents.put(operation, "updatedAt", createdAt);
        Documents.put(operation, "deadline", request.deadline());
        // The POST's span is in no event; the request's own context is of the same trace (ViewDiff compares trace ids).
        Object traceparent = event.event().getExtension(EventTracing.TRACEPARENT);
        Documents.put(operation, "traceparent", traceparent == null ? null : traceparent.toString());
        operations.put(request.operationId(), operation);
    }

    private void result(EventData event) {
        String operationId = event.payload().operationId();
        Document operation = operations.get(operationId);
        if (!BatonFunction.USER.source().toString().equals(event.source())) {
            tally.add("results from another source than the user function (the operation function rejects them)");
            return;
        }
        if (operation == null) {
            tally.add("results of operations whose request is not on " + Topic.USER_CREATE.topicName() + " (the operation function rejects them)");
            return;
        }
        if (!"PENDING".equals(operation.getString("state"))) {
            tally.add("copies of a result already applied (the first result stands)");
            return;
        }
        Instant decidedAt = decidedAt(event);
        Instant deadline = Documents.instant(operation, "deadline");
        if (deadline != null && !decidedAt.isBefore(deadline)) {
            tally.add("results decided at or after the operation's deadline (too late: the operation timed out)");
            return;
        }
        if (event.type() == BatonEventType.USER_CREATE_COMPLETED) {
            UserCreateCompleted completed = event.payload(UserCreateCompleted.class);
            if (!EventIds.userIdFor(operationId).equals(completed.user().id())) {
                tally.add("completions naming another user than the operation's (the operation function rejects them)");
                return;
            }
            Documents.put(operation, "state", "COMPLETED");
            Documents.put(operation, "userId", completed.user().id());
            Documents.put(operation, "userState", completed.user().state());
            Documents.put(operation, "userCreatedAt", completed.user().createdAt());
        } else {
            ErrorInfo error = event.payload(UserCreateFailed.class).error();
            Documents.put(operation, "state", "FAILED");
            Documents.put(operation, "errorCode", error.code());
            Documents.put(operation, "errorMessage", error.message());
        }
        Documents.put(operation, "updatedAt", decidedAt);
    }

    private Instant decidedAt(EventData event) {
        Instant decidedAt = event.type() == BatonEventType.USER_CREATE_COMPLETED
                ? event.payload(UserCreateCompleted.class).decidedAt() : event.payload(UserCreateFailed.class).decidedAt();
        if (decidedAt == null) {
            tally.add("results without decidedAt (written before the events carried it): dated by the event's time");
            return event.time();
        }
        return decidedAt;
    }

    @Override
    public Map<String, List<Document>> collections() {
        List<Document> documents = new ArrayList<>();
        for (Document operation : operations.values()) {
            Document copy = new Document(operation);
            Instant deadline = Documents.instant(copy, "deadline");
            if ("PENDING".equals(copy.getString("state")) && deadline != null && deadline.isBefore(now)) {
                Documents.put(copy, "state", "FAILED");
                Documents.put(copy, "errorCode", ErrorInfo.TIMEOUT);
                Documents.put(copy, "errorMessage", ErrorInfo.TIMEOUT_MESSAGE);
                Documents.put(copy, "updatedAt", deadline);
            }
            documents.add(copy);
        }
        return Map.of(COLLECTION, documents);
    }

    @Override
    public Bson scope(String collection, Set<String> operationIds) {
        return Filters.in("_id", operationIds);
    }

    @Override
    public List<String> summary() {
        Map<String, Long> byState = new LinkedHashMap<>();
        long timeouts = 0;
        for (Document operation : collections().get(COLLECTION)) {
            byState.merge(operation.getString("state"), 1L, Long::sum);
            if (ErrorInfo.TIMEOUT.equals(operation.getString("errorCode"))) {
                timeouts++;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(operations.size() + " operation(s): " + byState.getOrDefault("COMPLETED", 0L) + " COMPLETED, "
                + byState.getOrDefault("FAILED", 0L) + " FAILED (" + timeouts + " of them TIMEOUT), "
                + byState.getOrDefault("PENDING", 0L) + " PENDING");
        lines.addAll(tally.lines());
        return lines;
    }
}
