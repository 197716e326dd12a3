package dev.baton.eventing.telemetry;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The event meters of {@code knative/observability/function-metrics.yaml}. Every meter is built once
 * (per event type, outcome or topic) and kept, so recording on the hot path is a map lookup and an
 * increment: no tags are built per event. Tags hold types, outcomes and topics only, never ids.
 */
@Singleton
public class EventMetrics {
    public static final String HANDLED = "baton.events.handled";
    public static final String HANDLER_DURATION = "baton.event.handler.duration";
    public static final String PUBLISHED = "baton.events.published";
    public static final String PUBLISH_DURATION = "baton.event.publish.duration";
    public static final String DEAD_LETTERS = "baton.dead.letters";
    /** The type tag of an event whose type this function does not accept: a bounded stand-in for whatever arrived. */
    public static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;
    /** Written once, in the constructor; read by every handler thread. */
    private final Map<String, Handling> handlingByType = new HashMap<>();
    private final Handling unknown;
    /** Built on first publish of a type; a race builds the same meters twice, which the registry resolves to one. */
    private final Publishing[] publishingByType = new Publishing[BatonEventType.values().length];

    public EventMetrics(MeterRegistry registry, BatonFunction function) {
        this.registry = registry;
        // Registered up front, at zero, so every series the dashboard reads exists before the first event.
        for (BatonEventType type : function.accepts()) {
            handlingByType.put(type.type(), new Handling(registry, type.type()));
        }
        this.unknown = new Handling(registry, UNKNOWN_TYPE);
    }

    /** The meters of handling an event of this CloudEvent type. */
    public Handling handling(String type) {
        Handling handling = handlingByType.get(type);
        return handling != null ? handling : unknown;
    }

    public Publishing publishing(BatonEventType type) {
        Publishing publishing = publishingByType[type.ordinal()];
        if (publishing == null) {
            publishing = new Publishing(registry, type.type());
            publishingByType[type.ordinal()] = publishing;
        }
        return publishing;
    }

    /** Dead letters written to {@code deadLetterTopic} (by local delivery). */
    public Counter deadLetters(String deadLetterTopic) {
        return Counter.builder(DEAD_LETTERS).description("Dead letters written by local delivery")
                .tag("topic", deadLetterTopic).register(registry);
    }

    /** Handled events of one type: a counter per outcome and the handler's duration. */
    public static final class Handling {
        private final Counter ok;
        private final Counter rejected;
        private final Counter retryable;
        private final Timer duration;

        Handling(MeterRegistry registry, String type) {
            ok = handled(registry, type, "ok");
            rejected = handled(registry, type, "rejected");
            retryable = handled(registry, type, "retryable");
            duration = Timer.builder(HANDLER_DURATION)
                    .description("Time a handler took for one event, including the publish of its next events")
                    .tag("type", type)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry);
        }

        private static Counter handled(MeterRegistry registry, String type, String outcome) {
            return Counter.builder(HANDLED).description("CloudEvents handled, by type and outcome")
                    .tag("type", type).tag("outcome", outcome).register(registry);
        }

        /** Done: the binding answers 2xx. */
        public void ok(long nanos) {
            ok.increment();
            duration.record(nanos, TimeUnit.NANOSECONDS);
        }

        /** Never processable: 400, dead-lettered without retrying. */
        public void rejected(long nanos) {
            rejected.increment();
            duration.record(nanos, TimeUnit.NANOSECONDS);
        }

        /** A transient failure: 503, retried. */
        public void retryable(long nanos) {
            retryable.increment();
            duration.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Published events of one type: how many Kafka acknowledged, and how long each acknowledgement took. */
    public static final class Publishing {
        private final Counter published;
        private final Timer ackTime;

        Publishing(MeterRegistry registry, String type) {
            published = Counter.builder(PUBLISHED).description("CloudEvents published to Kafka and acknowledged")
                    .tag("type", type).register(registry);
            ackTime = Timer.builder(PUBLISH_DURATION)
                    .description("Time from the send of one event to Kafka's acknowledgement (acks=all)")
                    .tag("type", type)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(15))
                    .register(registry);
        }

        /** Kafka acknowledged an event sent {@code nanos} ago. */
        public void acknowledged(long nanos) {
            published.increment();
            ackTime.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
