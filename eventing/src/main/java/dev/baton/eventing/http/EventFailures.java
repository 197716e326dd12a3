package dev.baton.eventing.http;

import dev.baton.eventing.function.RejectedEventException;
import io.micronaut.http.HttpStatus;

/**
 * The answer to a handler's failure, the same for both bindings: {@code POST /} sends it as its
 * problem response, and local delivery records it in the dead letter the way the KafkaSource
 * dispatcher records the HTTP answer it got (status in knativeerrorcode, body in knativeerrordata).
 * 400 for an event that can never be processed (the dispatcher dead-letters it without retrying),
 * 503 for anything else (retried with backoff).
 */
public final class EventFailures {
    /** The path the dispatcher posts to, which the problem names as its instance. */
    public static final String INSTANCE = "/";

    private EventFailures() {
    }

    public static ApiException answer(Throwable failure) {
        if (failure instanceof RejectedEventException) {
            return new ApiException(HttpStatus.BAD_REQUEST, "rejected-event", "Event rejected", failure.getMessage());
        }
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "transient-failure", "Transient failure, retry later", failure.getMessage());
    }

    /** Whether the dispatcher retries this answer: it does not retry a 400. */
    public static boolean retryable(ApiException answer) {
        return answer.status().getCode() >= 500;
    }
}
