package dev.baton.local;

/** A failure of the local stack whose message is meant for the person who ran it; no stack trace needed. */
public final class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
