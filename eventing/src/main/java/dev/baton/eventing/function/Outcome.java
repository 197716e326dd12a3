package dev.baton.eventing.function;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What handling one event did: a short note for logs and replies, and the events it published. */
@Serdeable
public record Outcome(String eventId, String note, List<PublishedEvent> published) {

    public static Outcome of(String eventId, String note, PublishedEvent... published) {
        return new Outcome(eventId, note, List.of(published));
    }
}
