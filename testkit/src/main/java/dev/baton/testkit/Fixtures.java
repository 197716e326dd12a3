package dev.baton.testkit;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The one shared set of fixture events every test uses: one signup walked through the whole saga,
 * plus events that must be rejected. The data is literal JSON, because the JSON is the contract.
 */
public final class Fixtures {
    public static final String OPERATION_ID = "7d3c2f4e-1b6a-4c1e-9f8a-2b5d6e7f8a90";
    public static final String USER_ID = "3f1e5d2c-4b3a-4c2d-8e1f-0a9b8c7d6e5f";
    public static final String NAME = "Ada Lovelace";
    public static final String EMAIL = "ada@example.com";
    public static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-21T12:00:00Z");

    private Fixtures() {
    }

    public static CloudEvent userCreateRequested() {
        return userCreateRequested(OPERATION_ID, NAME, EMAIL);
    }

    public static CloudEvent userCreateRequested(String operationId, String name, String email) {
        return event("req-" + operationId, BatonEventType.USER_CREATE_REQUESTED, "/baton/operation", operationId,
                "{\"operationId\":\"" + operationId + "\",\"name\":\"" + name + "\",\"email\":" + json(email) + "}");
    }

    /** A request as the operation function writes it: with the operation's Idempotency-Key, createdAt and deadline. */
    public static CloudEvent userCreateRequested(String operationId, String name, String email, String idempotencyKey,
                                                 Instant createdAt, Instant deadline) {
        return event("req-" + operationId, BatonEventType.USER_CREATE_REQUESTED, "/baton/operation", operationId,
                "{\"operationId\":\"" + operationId + "\",\"name\":\"" + name + "\",\"email\":" + json(email)
                        + ",\"idempotencyKey\":" + json(idempotencyKey) + ",\"createdAt\":\"" + createdAt
                        + "\",\"deadline\":\"" + deadline + "\"}");
    }

    public static CloudEvent approvalRequested() {
        return approvalRequested(OPERATION_ID, EMAIL);
    }

    public static CloudEvent approvalRequested(String operationId, String email) {
        return event("appr-" + operationId + "-" + email, BatonEventType.USER_APPROVAL_REQUESTED, "/baton/user", operationId,
                "{\"operationId\":\"" + operationId + "\",\"userId\":\"" + USER_ID + "\",\"name\":\"" + NAME
                        + "\",\"email\":" + json(email) + "}");
    }

    /** An approval request as the user function writes it: with the pending user's createdAt. */
    public static CloudEvent approvalRequested(String operationId, String email, Instant createdAt) {
        return event("appr-" + operationId + "-" + email, BatonEventType.USER_APPROVAL_REQUESTED, "/baton/user", operationId,
                "{\"operationId\":\"" + operationId + "\",\"userId\":\"" + USER_ID + "\",\"name\":\"" + NAME
                        + "\",\"email\":" + json(email) + ",\"createdAt\":\"" + createdAt + "\"}");
    }

    public static CloudEvent approvalDecided(String operationId, String userId, boolean approved) {
        String decision = approved ? "APPROVED" : "REJECTED";
        String reason = approved ? "passed the name and e-mail domain rules" : "e-mail domain blocked.example is blocked";
        return event("dec-" + operationId + "-" + decision, BatonEventType.USER_APPROVAL_DECIDED, "/baton/approval", operationId,
                "{\"operationId\":\"" + operationId + "\",\"userId\":\"" + userId + "\",\"decision\":\"" + decision
                        + "\",\"reason\":\"" + reason + "\"}");
    }

    /** The completion the user function sends: its user is the one derived from the operation id. */
    public static CloudEvent userCreateCompleted(String operationId) {
        return userCreateCompleted(operationId, EventIds.userIdFor(operationId), "/baton/user");
    }

    /** A completion as anyone could write one; only the user function's own is accepted. */
    public static CloudEvent userCreateCompleted(String operationId, String userId, String source) {
        return event("done-" + operationId, BatonEventType.USER_CREATE_COMPLETED, source, operationId,
                "{\"operationId\":\"" + operationId + "\",\"user\":{\"id\":\"" + userId + "\",\"name\":\"" + NAME
                        + "\",\"email\":\"" + EMAIL + "\",\"state\":\"APPROVED\",\"createdAt\":\"2026-11-21T12:00:00Z\"}}");
    }

    /**
     * The completion as the user function writes it: the settled user's approval reason, the id of the decision that
     * settled it and when it was settled ({@code decidedAt}, which becomes the operation's updatedAt).
     */
    public static CloudEvent userCreateCompleted(String operationId, Instant decidedAt) {
        return event("done-" + operationId, BatonEventType.USER_CREATE_COMPLETED, "/baton/user", operationId,
                "{\"operationId\":\"" + operationId + "\",\"user\":{\"id\":\"" + EventIds.userIdFor(operationId) + "\",\"name\":\""
                        + NAME + "\",\"email\":\"" + EMAIL + "\",\"state\":\"APPROVED\",\"createdAt\":\"2026-11-21T12:00:00Z\"},"
                        + "\"reason\":\"passed the name and e-mail domain rules\",\"decidedBy\":\"dec-" + operationId + "-APPROVED\","
                        + "\"decidedAt\":\"" + decidedAt + "\"}");
    }

    /** The failure as the user function writes it: with the rejected user, the deciding event's id and when it was settled. */
    public static CloudEvent userCreateFailed(String operationId, Instant decidedAt) {
        return event("fail-" + operationId, BatonEventType.USER_CREATE_FAILED, "/baton/user", operationId,
                "{\"operationId\":\"" + operationId + "\",\"error\":{\"code\":\"APPROVAL_REJECTED\","
                        + "\"message\":\"e-mail domain blocked.example is blocked\"},\"user\":{\"id\":\"" + EventIds.userIdFor(operationId)
                        + "\",\"name\":\"" + NAME + "\",\"email\":\"ada@blocked.example\",\"state\":\"REJECTED\","
                        + "\"createdAt\":\"2026-11-21T12:00:00Z\"},\"decidedBy\":\"dec-" + operationId + "-REJECTED\","
                        + "\"decidedAt\":\"" + decidedAt + "\"}");
    }

    public static CloudEvent userCreateFailed(String operationId) {
        return userCreateFailed(operationId, "/baton/user");
    }

    public static CloudEvent userCreateFailed(String operationId, String source) {
        return event("fail-" + operationId, BatonEventType.USER_CREATE_FAILED, source, operationId,
                "{\"operationId\":\"" + operationId + "\",\"error\":{\"code\":\"APPROVAL_REJECTED\","
                        + "\"message\":\"e-mail domain blocked.example is blocked\"}}");
    }

    /** A well-formed CloudEvent of a type no Baton function accepts. */
    public static CloudEvent unknownType() {
        return event("unknown-1", null, "/elsewhere", OPERATION_ID, "{\"hello\":\"world\"}", "com.example.something.happened");
    }

    /** A Baton event type whose data is not even JSON. */
    public static CloudEvent malformedData(BatonEventType type) {
        return event("malformed-" + type.type(), type, "/elsewhere", OPERATION_ID, "{not json", null);
    }

    /** A Baton event type whose JSON data misses required fields. */
    public static CloudEvent invalidData(BatonEventType type) {
        return event("invalid-" + type.type(), type, "/elsewhere", OPERATION_ID, "{\"operationId\":\"" + OPERATION_ID + "\"}", null);
    }

    /** Every valid Baton event in the set, for round trips: each as events were first written, and with every field. */
    public static List<CloudEvent> all() {
        Instant created = TIME.toInstant();
        return List.of(userCreateRequested(), approvalRequested(), approvalDecided(OPERATION_ID, USER_ID, true),
                approvalDecided(OPERATION_ID, USER_ID, false), userCreateCompleted(OPERATION_ID), userCreateFailed(OPERATION_ID),
                userCreateRequested(OPERATION_ID, NAME, EMAIL, "key-1", created, created.plusSeconds(300)),
                approvalRequested(OPERATION_ID, EMAIL, created.plusMillis(12)),
                userCreateCompleted(OPERATION_ID, created.plusMillis(345)), userCreateFailed(OPERATION_ID, created.plusMillis(345)));
    }

    /** A JSON string literal, or null; fixture values never need escaping. */
    private static String json(String value) {
        return value == null ? "null" : '"' + value + '"';
    }

    private static CloudEvent event(String id, BatonEventType type, String source, String operationId, String json) {
        return event(id, type, source, operationId, json, null);
    }

    private static CloudEvent event(String id, BatonEventType type, String source, String operationId, String json, String rawType) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withType(type == null ? rawType : type.type())
                .withSource(URI.create(source))
                .withSubject(operationId)
                .withExtension("partitionkey", operationId)
                .withTime(TIME)
                .withDataContentType("application/json")
                .withData(json.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
