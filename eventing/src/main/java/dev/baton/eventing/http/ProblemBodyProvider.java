package dev.baton.eventing.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Renders every framework error (bad JSON, unknown route, failed validation, ...) as an RFC 9457 problem. */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(@NonNull ErrorContext context, @NonNull HttpResponse<?> response) {
        int status = response.code();
        String instance = context.getRequest().getPath();
        Optional<ConstraintViolationException> violations = context.getRootCause()
                .filter(ConstraintViolationException.class::isInstance)
                .map(ConstraintViolationException.class::cast);
        if (violations.isPresent()) {
            List<Problem.FieldError> errors = violations.get().getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                    .toList();
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(null);
            return new Problem(URI.create(Problem.TYPE_BASE + "invalid-request"), "Invalid request", status, detail, instance, errors);
        }
        String detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason());
        return new Problem(URI.create("about:blank"), response.reason(), status, detail, instance, null);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    /** The JSON field name: the last node of a path like {@code create.request.email}. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name == null ? "" : name;
    }
}
