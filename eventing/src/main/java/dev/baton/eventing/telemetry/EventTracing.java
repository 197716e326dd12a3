package dev.baton.eventing.telemetry;

import dev.baton.eventing.contract.BatonEventType;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * W3C trace context on CloudEvents, as the CloudEvents distributed-tracing extension carries it
 * ({@code traceparent}, {@code tracestate}): a handler's span continues the context of the event it
 * handles, and every event it publishes carries the context of its send. Off unless an exporter is
 * configured ({@code OTEL_TRACES_EXPORTER}, see {@link TracingOff}); then {@link #on()} is false and
 * the bindings and the publisher skip every call here, so tracing that is off costs a boolean test.
 */
@Singleton
public class EventTracing {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    static final String SCOPE = "dev.baton.eventing";

    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    private static final AttributeKey<String> EVENT_SOURCE = AttributeKey.stringKey("cloudevents.event_source");
    private static final AttributeKey<String> EVENT_SUBJECT = AttributeKey.stringKey("cloudevents.event_subject");
    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");

    private static final TextMapGetter<CloudEvent> EVENT_EXTENSIONS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(CloudEvent event) {
            return event.getExtensionNames();
        }

        @Override
        public String get(@Nullable CloudEvent event, String key) {
            Object value = event == null ? null : event.getExtension(key);
            return value == null ? null : value.toString();
        }
    };

    private final boolean on;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public EventTracing(OpenTelemetry openTelemetry, @Value("${otel.traces.exporter:none}") String exporter) {
        this.on = !TracingOff.NONE.equals(exporter);
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Whether spans are made and context is carried at all. */
    public boolean on() {
        return on;
    }

    /**
     * The span of handling one event, not yet current. Its parent is the context the event carries;
     * or the transport's ({@code traceparent} header of {@code POST /}) when that is of the same trace,
     * because then it is the Knative dispatcher's span continuing the event's context; or the
     * transport's when the event carries none.
     */
    public Span startHandling(CloudEvent event, Context transport) {
        Context fromEvent = propagator.extract(Context.root(), event, EVENT_EXTENSIONS);
        SpanContext carried = Span.fromContext(fromEvent).getSpanContext();
        SpanContext delivered = Span.fromContext(transport).getSpanContext();
        Context parent = delivered.isValid() && (!carried.isValid() || delivered.getTraceId().equals(carried.getTraceId()))
                ? transport : carried.isValid() ? fromEvent : Context.current();
        return tracer.spanBuilder("process " + event.getType())
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_OPERATION, "process")
                .setAttribute(EVENT_ID, event.getId())
                .setAttribute(EVENT_TYPE, event.getType())
                .setAttribute(EVENT_SOURCE, event.getSource().toString())
                .setAttribute(EVENT_SUBJECT, event.getSubject() == null ? "" : event.getSubject())
                .startSpan();
    }

    /** The span of sending one event to Kafka, a child of the current span; it ends at the acknowledgement. */
    public Span startSend(CloudEvent event, BatonEventType type) {
        return tracer.spanBuilder("send " + type.topic().topicName())
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_DESTINATION, type.topic().topicName())
                .setAttribute(MESSAGING_OPERATION, "send")
                .setAttribute(EVENT_ID, event.getId())
                .setAttribute(EVENT_TYPE, event.getType())
                .startSpan();
    }

    /** The trace context of {@code span} in W3C form: {@code traceparent} and, if any, {@code tracestate}. */
    public Map<String, String> contextOf(Span span) {
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(Context.root().with(span), carrier, Map::put);
        return carrier;
    }

    /** The event with the distributed-tracing extension set to {@code context}. */
    public static CloudEvent withContext(CloudEvent event, Map<String, String> context) {
        CloudEventBuilder builder = CloudEventBuilder.from(event);
        context.forEach((name, value) -> {
            if (TRACEPARENT.equals(name) || TRACESTATE.equals(name)) {
                builder.withExtension(name, value);
            }
        });
        return builder.build();
    }

    /**
     * Also as plain Kafka headers ({@code traceparent}), next to the CloudEvent's {@code ce_traceparent}:
     * where the Knative dispatcher traces, it continues the context it finds in these.
     */
    public static void addHeaders(ProducerRecord<String, byte[]> record, Map<String, String> context) {
        context.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The context a transport carried in its headers, e.g. those of {@code POST /}: {@code header} reads one by name. */
    public Context extract(Function<String, String> header) {
        return propagator.extract(Context.root(), header, HEADERS);
    }

    /** The context of a W3C {@code traceparent} kept elsewhere (an operation's, for a re-sent request); root if none. */
    public Context fromTraceparent(@Nullable String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return propagator.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
    }

    /** The W3C {@code traceparent} of the current span, or null when there is none. */
    @Nullable
    public String currentTraceparent() {
        if (!on || !Span.current().getSpanContext().isValid()) {
            return null;
        }
        return contextOf(Span.current()).get(TRACEPARENT);
    }

    public static void failed(Span span, Throwable error) {
        span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        span.recordException(error);
    }

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(@Nullable Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };
}
