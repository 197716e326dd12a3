package dev.baton.eventing.function;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRoutesTest {
    private final EventRoutes routes = new EventRoutes(BatonFunction.APPROVAL)
            .on(BatonEventType.USER_APPROVAL_REQUESTED, e -> Outcome.of(e.getId(), "handled"));

    @Test
    void dispatchesByType() {
        assertEquals("handled", routes.dispatch(event(BatonEventType.USER_APPROVAL_REQUESTED.type())).note());
    }

    @Test
    void rejectsATypeTheFunctionDoesNotAccept() {
        RejectedEventException error = assertThrows(RejectedEventException.class,
                () -> routes.dispatch(event(BatonEventType.USER_CREATE_REQUESTED.type())));
        assertTrue(error.getMessage().contains("unknown event type"));
        assertThrows(RejectedEventException.class, () -> routes.dispatch(event("dev.knative.kafka.event")));
    }

    @Test
    void refusesToRouteATypeOutsideTheContract() {
        assertThrows(IllegalArgumentException.class,
                () -> new EventRoutes(BatonFunction.APPROVAL).on(BatonEventType.USER_CREATE_COMPLETED, e -> null));
    }

    private static CloudEvent event(String type) {
        return CloudEventBuilder.v1().withId("1").withType(type).withSource(URI.create("/test")).build();
    }
}
