package dev.baton.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.payload.ApprovalDecided;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The dispatch mode's events read back the way the functions read them: the HTTP binding's CloudEvent reader on the
 * ce-* headers and body, then the project's own EventCodec with its validation; and their data matches docs/schemas.
 */
class DispatchEventsTest {

    private static final String OPERATION_ID = DispatchEvents.operationIdFor("bench-run1-7");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApplicationContext context;
    private static EventCodec codec;

    @BeforeAll
    static void codec() {
        context = ApplicationContext.run();
        codec = context.getBean(EventCodec.class);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void approvalRequestIsTheUserFunctionsForItsUser() throws IOException {
        DispatchEvent sent = DispatchEvents.approvalRequested(OPERATION_ID, "bench-run1-7");
        CloudEvent event = read(sent);
        ApprovalRequested request = codec.decode(event, ApprovalRequested.class);

        assertEquals(BatonEventType.USER_APPROVAL_REQUESTED.type(), event.getType());
        assertEquals(BatonFunction.USER.source(), event.getSource());
        assertEquals(OPERATION_ID, event.getSubject());
        assertEquals(OPERATION_ID, event.getExtension(EventCodec.PARTITION_KEY));
        assertEquals(EventIds.userIdFor(OPERATION_ID), request.userId());
        assertEquals("bench-run1-7@example.com", request.email());
        assertMatchesSchema(sent);
    }

    @Test
    void createRequestAndItsDecisionNameTheSameUser() throws IOException {
        DispatchEvent create = DispatchEvents.createRequested(OPERATION_ID, "bench-run1-7");
        DispatchEvent decided = DispatchWorkload.user("run1").after(create);
        UserCreateRequested request = codec.decode(read(create), UserCreateRequested.class);
        ApprovalDecided decision = codec.decode(read(decided), ApprovalDecided.class);

        assertEquals(BatonFunction.OPERATION.source(), read(create).getSource());
        assertEquals(BatonFunction.APPROVAL.source(), read(decided).getSource());
        assertEquals(OPERATION_ID, request.operationId());
        assertEquals(OPERATION_ID, decision.operationId());
        assertEquals(EventIds.userIdFor(OPERATION_ID), decision.userId());
        assertEquals(ApprovalDecided.Decision.APPROVED, decision.decision());
        // not the id the approval function would give its own decision, so the two are told apart
        assertNotEquals(EventIds.derive(DispatchEvents.approvalRequested(OPERATION_ID, "x").id(),
                BatonEventType.USER_APPROVAL_DECIDED), decided.id());
        assertNull(DispatchWorkload.user("run1").after(decided), "a signup is two events");
        assertMatchesSchema(create);
        assertMatchesSchema(decided);
    }

    @Test
    void completionIsOneTheOperationFunctionAccepts() throws IOException {
        DispatchEvent sent = DispatchEvents.createCompleted(OPERATION_ID, "bench-run1-op3",
                Instant.parse("2026-11-21T12:00:00.123456Z"));
        CloudEvent event = read(sent);
        UserCreateCompleted completed = codec.decode(event, UserCreateCompleted.class);

        // what OperationFunction checks before it looks the operation up
        assertEquals(BatonFunction.USER.source(), event.getSource());
        assertEquals(EventIds.userIdFor(OPERATION_ID), completed.user().id());
        assertEquals(Instant.parse("2026-11-21T12:00:00.123Z"), completed.user().createdAt());
        assertEquals("APPROVED", completed.user().state());
        assertMatchesSchema(sent);
    }

    @Test
    void unitsHaveEventsOfTheirOwn() {
        DispatchWorkload approval = DispatchWorkload.approval("run1");
        assertNotEquals(approval.first(0).id(), approval.first(1).id());
        assertNotEquals(approval.first(0).operationId(), approval.first(1).operationId());
        assertNotEquals(approval.first(0).operationId(), DispatchWorkload.approval("run2").first(0).operationId());
        assertEquals(1, approval.eventsPerUnit());
        assertEquals(2, DispatchWorkload.user("run1").eventsPerUnit());
    }

    /** As CloudEventController reads a request. */
    private static CloudEvent read(DispatchEvent sent) {
        return HttpMessageFactory.createReader(headers -> {
            sent.headers().forEach(headers);
            headers.accept("Content-Type", DispatchEvent.CONTENT_TYPE);
        }, sent.data()).toEvent();
    }

    private static void assertMatchesSchema(DispatchEvent sent) throws IOException {
        Path file = Path.of("..", "docs", "schemas", sent.type().type() + ".json");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(file));
        assertEquals(Set.of(), schema.validate(JSON.readTree(sent.data())), sent.type().type());
    }
}
