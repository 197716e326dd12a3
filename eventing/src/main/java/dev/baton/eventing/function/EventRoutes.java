package dev.baton.eventing.function;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import io.cloudevents.CloudEvent;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** Dispatches an event to the handler for its type; a type the function does not accept is rejected. */
public final class EventRoutes {
    private final BatonFunction function;
    private final Map<BatonEventType, Function<CloudEvent, Outcome>> routes = new EnumMap<>(BatonEventType.class);

    public EventRoutes(BatonFunction function) {
        this.function = function;
    }

    public EventRoutes on(BatonEventType type, Function<CloudEvent, Outcome> handler) {
        if (!function.accepts().contains(type)) {
            throw new IllegalArgumentException(function.serviceName() + " does not consume " + type.type());
        }
        routes.put(type, handler);
        return this;
    }

    public Outcome dispatch(CloudEvent event) {
        Function<CloudEvent, Outcome> handler = BatonEventType.of(event.getType()).map(routes::get).orElse(null);
        if (handler == null) {
            throw new RejectedEventException("unknown event type '" + event.getType() + "' for " + function.serviceName()
                    + "; it accepts " + routes.keySet().stream().map(BatonEventType::type).sorted().toList());
        }
        return handler.apply(event);
    }
}
