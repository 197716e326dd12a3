package dev.baton.eventing.delivery;

import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.publish.EventPublisher;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Base64;

/**
 * Writes an event that could not be delivered to {@code <topic>.dlq}, as a CloudEvent carrying why,
 * with the dispatcher's extensions: {@code knativeerrorcode} (the last answer's status: 400 rejected,
 * 503 after the last retry of a transient failure), {@code knativeerrordest} (the subscriber's URL),
 * {@code knativeerrordata} (the answer's body, base64: the problem JSON {@code POST /} would have
 * sent); and Baton's own: {@code batonerrorreason}, {@code batonattempts} and where it came from
 * ({@code batonsourcetopic}, {@code batonsourcepartition}, {@code batonsourceoffset}).
 */
final class DeadLetters {
    private static final int MAX_REASON = 2000;

    private final EventPublisher publisher;
    private final String destination;

    DeadLetters(EventPublisher publisher, String destination) {
        this.publisher = publisher;
        this.destination = destination;
    }

    /** {@code body} is the answer's body as the dispatcher would have received it. */
    void send(ConsumerRecord<String, byte[]> record, CloudEvent event, int code, byte[] body, String reason, int attempts) {
        CloudEvent deadLetter = CloudEventBuilder.from(event)
                .withExtension("knativeerrorcode", String.valueOf(code))
                .withExtension("knativeerrordest", destination)
                .withExtension("knativeerrordata", Base64.getEncoder().encodeToString(body))
                .withExtension("batonerrorreason", truncate(reason))
                .withExtension("batonattempts", attempts)
                .withExtension("batonsourcetopic", record.topic())
                .withExtension("batonsourcepartition", record.partition())
                .withExtension("batonsourceoffset", record.offset())
                .build();
        publisher.publishRecord(EventPublisher.toRecord(deadLetterTopic(record.topic()), record.key(), deadLetter));
    }

    static String deadLetterTopic(String topic) {
        return topic + Topic.DEAD_LETTER_SUFFIX;
    }

    private static String truncate(String reason) {
        String text = reason == null ? "unknown" : reason;
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }
}
