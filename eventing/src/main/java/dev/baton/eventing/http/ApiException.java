package dev.baton.eventing.http;

import io.micronaut.http.HttpStatus;

/** A failure a client should see as an RFC 9457 problem with this status, type and detail. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String slug;
    private final String title;

    public ApiException(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public Problem toProblem(String instance) {
        return Problem.of(slug, title, status.getCode(), getMessage(), instance);
    }

    public HttpStatus status() {
        return status;
    }
}
