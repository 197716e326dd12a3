package dev.baton.eventing.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.List;

/** An RFC 9457 problem details body, with the invalid fields (if any) as an extension member. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://baton.dev/problems/";

    public static Problem of(String slug, String title, int status, String detail, String instance) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, instance, null);
    }

    @Serdeable
    public record FieldError(String field, String message) {
    }
}
