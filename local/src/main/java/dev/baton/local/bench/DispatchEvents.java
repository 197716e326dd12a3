package dev.baton.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events the dispatch mode sends, each as the function that normally produces it would write it: the same source,
 * the same payload fields, the user id derived from the operation id as the user function derives it, and ids derived
 * from the input event's as the functions derive theirs. Names and e-mails are unique and pass the approval rules, so
 * every signup is approved.
 */
final class DispatchEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPROVED_REASON = "passed the name and e-mail domain rules";

    private DispatchEvents() {
    }

    /** The operation id of signup {@code name}, unique per run, as the operation function would make one. */
    static String operationIdFor(String name) {
        return EventIds.derive(name, "dev.baton.operation");
    }

    static String emailFor(String name) {
        return name + "@example.com";
    }

    /** What the operation function publishes for a signup; the user function consumes it. */
    static DispatchEvent createRequested(String operationId, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operationId", operationId);
        data.put("name", name);
        data.put("email", emailFor(name));
        return event(EventIds.derive(operationId, BatonEventType.USER_CREATE_REQUESTED),
                BatonEventType.USER_CREATE_REQUESTED, BatonFunction.OPERATION, operationId, data);
    }

    /** What the user function publishes for a pending user; the approval function consumes it. */
    static DispatchEvent approvalRequested(String operationId, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operationId", operationId);
        data.put("userId", EventIds.userIdFor(operationId));
        data.put("name", name);
        data.put("email", emailFor(name));
        String requestId = EventIds.derive(operationId, BatonEventType.USER_CREATE_REQUESTED);
        return event(EventIds.derive(requestId, BatonEventType.USER_APPROVAL_REQUESTED),
                BatonEventType.USER_APPROVAL_REQUESTED, BatonFunction.USER, operationId, data);
    }

    /**
     * What the approval function publishes; the user function consumes it. Its id is one of the benchmark's own,
     * never the approval function's, so that a decision the stack's own saga delivers as well is a second event.
     */
    static DispatchEvent approvalDecided(String operationId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operationId", operationId);
        data.put("userId", EventIds.userIdFor(operationId));
        data.put("decision", "APPROVED");
        data.put("reason", APPROVED_REASON);
        return event(EventIds.derive(operationId, "baton bench " + BatonEventType.USER_APPROVAL_DECIDED.type()),
                BatonEventType.USER_APPROVAL_DECIDED, BatonFunction.APPROVAL, operationId, data);
    }

    /**
     * What the user function publishes for an approved user; the operation function consumes it, and accepts it only
     * from the user function's source and naming the user derived from the operation id.
     */
    static DispatchEvent createCompleted(String operationId, String name, Instant createdAt) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", EventIds.userIdFor(operationId));
        user.put("name", name);
        user.put("email", emailFor(name));
        user.put("state", "APPROVED");
        user.put("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operationId", operationId);
        data.put("user", user);
        return event(EventIds.derive(operationId, "baton bench " + BatonEventType.USER_CREATE_COMPLETED.type()),
                BatonEventType.USER_CREATE_COMPLETED, BatonFunction.USER, operationId, data);
    }

    private static DispatchEvent event(String id, BatonEventType type, BatonFunction source, String operationId,
                                       Map<String, Object> data) {
        try {
            return new DispatchEvent(id, type, source.source().toString(), operationId,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), JSON.writeValueAsBytes(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the data of a " + type.type(), e);
        }
    }
}
