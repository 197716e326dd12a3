package dev.baton.eventing.delivery;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.publish.EventPublisher;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Writes an event that could not be delivered to {@code <topic>.dlq}, as a CloudEvent carrying why:
 * {@code knativeerrorcode} (400 rejected, 500 retries exhausted), {@code knativeerrordest} (the function),
 * {@code batonerrorreason}, {@code batonattempts} and where it came from ({@code batonsourcetopic},
 * {@code batonsourcepartition}, {@code batonsourceoffset}).
 */
final class DeadLetters {
    private static final int MAX_REASON = 2000;

    private final EventPublisher publisher;
    private final BatonFunction function;

    DeadLetters(EventPublisher publisher, BatonFunction function) {
        this.publisher = publisher;
        this.function = function;
    }

    void send(ConsumerRecord<String, byte[]> record, CloudEvent event, int code, String reason, int attempts) {
        CloudEvent deadLetter = CloudEventBuilder.from(event)
                .withExtension("knativeerrorcode", code)
                .withExtension("knativeerrordest", function.serviceName())
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
