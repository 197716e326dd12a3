package dev.baton.eventing.function;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(startApplication = false)
class EventRoutesTest {
    private static final ApprovalRequested REQUEST = new ApprovalRequested("op-1", "user-1", "Ada", "ada@example.com");

    @Inject
    EventCodec codec;

    private final List<ApprovalRequested> handled = new ArrayList<>();
    private EventRoutes routes;

    @BeforeEach
    void routes() {
        routes = new EventRoutes(BatonFunction.APPROVAL, codec).on(ApprovalRequested.class, (request, event) -> {
            handled.add(request);
            return Outcome.of(event.getId(), "handled");
        });
    }

    @Test
    void dispatchesByTypeWithTheDecodedPayload() {
        CloudEvent event = codec.encode(BatonEventType.USER_APPROVAL_REQUESTED, "1", REQUEST, BatonFunction.USER);
        Outcome outcome = routes.dispatch(event);
        assertEquals("handled", outcome.note());
        assertEquals("1", outcome.eventId());
        assertEquals(List.of(REQUEST), handled);
    }

    @Test
    void rejectsInvalidDataBeforeTheHandlerRuns() {
        CloudEvent blankName = codec.encode(BatonEventType.USER_APPROVAL_REQUESTED, "2",
                new ApprovalRequested("op-1", "user-1", " ", null), BatonFunction.USER);
        RejectedEventException invalid = assertThrows(RejectedEventException.class, () -> routes.dispatch(blankName));
        assertTrue(invalid.getMessage().contains("name"), invalid.getMessage());
        CloudEvent notJson = CloudEventBuilder.from(event(BatonEventType.USER_APPROVAL_REQUESTED.type()))
                .withData(EventCodec.JSON, "{".getBytes(StandardCharsets.UTF_8)).build();
        assertThrows(RejectedEventException.class, () -> routes.dispatch(notJson));
        assertEquals(List.of(), handled);
    }

    @Test
    void rejectsATypeTheFunctionDoesNotAccept() {
        RejectedEventException error = assertThrows(RejectedEventException.class,
                () -> routes.dispatch(event(BatonEventType.USER_CREATE_REQUESTED.type())));
        assertTrue(error.getMessage().contains("unknown event type"));
        assertThrows(RejectedEventException.class, () -> routes.dispatch(event("dev.knative.kafka.event")));
        assertEquals(List.of(), handled);
    }

    @Test
    void refusesToRouteATypeOutsideTheContract() {
        assertThrows(IllegalArgumentException.class,
                () -> new EventRoutes(BatonFunction.APPROVAL, codec).on(UserCreateCompleted.class, (completed, e) -> null));
    }

    private static CloudEvent event(String type) {
        return CloudEventBuilder.v1().withId("1").withType(type).withSource(URI.create("/test")).build();
    }
}
