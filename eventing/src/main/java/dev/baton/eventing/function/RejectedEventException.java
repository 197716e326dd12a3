package dev.baton.eventing.function;

/**
 * An event this function can never process (malformed, unknown type, invalid data). Retrying cannot
 * help, so bindings answer 4xx over HTTP and dead-letter it at once in local delivery.
 */
public class RejectedEventException extends RuntimeException {
    public RejectedEventException(String reason) {
        super(reason);
    }
}
