package dev.baton.eventing.function;

import dev.baton.eventing.EventCodec;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.BatonPayload;
import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Prototype;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Dispatches an event to the handler for its type, handing it the event's data decoded and validated
 * as the contract's payload for that type. A type the function does not accept, and data that is not
 * a valid payload, are rejected before any handler runs. Injected, it routes for this function
 * ({@link dev.baton.eventing.FunctionIdentity}); each function fills in its own.
 */
@Prototype
public final class EventRoutes {
    /** One saga step: the event's payload, and the event itself for its id and source. */
    @FunctionalInterface
    public interface Handler<T extends BatonPayload> {
        Outcome handle(T payload, CloudEvent event);
    }

    private final BatonFunction function;
    private final EventCodec codec;
    private final Map<BatonEventType, Function<CloudEvent, Outcome>> routes = new EnumMap<>(BatonEventType.class);

    public EventRoutes(BatonFunction function, EventCodec codec) {
        this.function = function;
        this.codec = codec;
    }

    /** Routes the one event type this function accepts whose payload is {@code payloadType}. */
    public <T extends BatonPayload> EventRoutes on(Class<T> payloadType, Handler<T> handler) {
        BatonEventType type = acceptedTypeOf(payloadType);
        routes.put(type, event -> handler.handle(codec.decode(event, payloadType), event));
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

    private BatonEventType acceptedTypeOf(Class<? extends BatonPayload> payloadType) {
        List<BatonEventType> types = function.accepts().stream().filter(t -> t.payloadType() == payloadType).toList();
        if (types.size() != 1) {
            throw new IllegalArgumentException(function.serviceName() + " consumes " + types.size() + " event types with payload "
                    + payloadType.getSimpleName() + ", so a handler for it cannot be routed by payload: "
                    + types.stream().map(BatonEventType::type).toList());
        }
        return types.get(0);
    }
}
