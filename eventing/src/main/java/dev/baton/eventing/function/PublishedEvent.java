package dev.baton.eventing.function;

import io.micronaut.serde.annotation.Serdeable;

/** An event a handler published, acknowledged by Kafka. */
@Serdeable
public record PublishedEvent(String id, String type, String topic) {
}
