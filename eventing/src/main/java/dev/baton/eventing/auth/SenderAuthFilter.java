package dev.baton.eventing.auth;

import dev.baton.eventing.HandlerPool;
import dev.baton.eventing.http.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only the event plane may deliver events: with baton.event-auth.enabled, {@code POST /} needs the
 * sender's OIDC token. None, or one that does not verify, is 401; a valid one for another audience or
 * from another sender is 403. Either way the event is never read. The client API and health are untouched.
 */
@ServerFilter(value = "/", methods = HttpMethod.POST)
@Requires(beans = SenderVerifier.class)
public class SenderAuthFilter {
    private static final Logger LOG = LoggerFactory.getLogger(SenderAuthFilter.class);
    private static final String BEARER = "Bearer ";

    private final SenderVerifier verifier;

    public SenderAuthFilter(SenderVerifier verifier) {
        this.verifier = verifier;
    }

    @RequestFilter
    @ExecuteOn(HandlerPool.NAME) // the first token, and a rotated key, fetch the issuer's keys
    public @Nullable HttpResponse<?> authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse(null);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(request, HttpStatus.UNAUTHORIZED, "no bearer token: events are accepted only from the event plane");
        }
        SenderVerifier.Verdict verdict = verifier.verify(header.substring(BEARER.length()).trim());
        if (verdict instanceof SenderVerifier.Verdict.Unauthenticated no) {
            return refuse(request, HttpStatus.UNAUTHORIZED, no.reason());
        }
        if (verdict instanceof SenderVerifier.Verdict.Forbidden no) {
            return refuse(request, HttpStatus.FORBIDDEN, no.reason());
        }
        return null;
    }

    private static MutableHttpResponse<Problem> refuse(HttpRequest<?> request, HttpStatus status, String reason) {
        LOG.warn("refused an event delivery from {}: {}", request.getRemoteAddress(), reason);
        boolean unauthenticated = status == HttpStatus.UNAUTHORIZED;
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(status)
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(unauthenticated ? "sender-unauthenticated" : "sender-forbidden",
                        unauthenticated ? "Sender not authenticated" : "Sender not allowed", status.getCode(), reason, request.getPath()));
        if (unauthenticated) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response;
    }
}
