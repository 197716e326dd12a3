package dev.baton.local.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Names for failed exchanges that have no status code, e.g. {@code ConnectException}, {@code HttpTimeoutException}. */
final class HttpErrors {

    private HttpErrors() {
    }

    static String name(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
