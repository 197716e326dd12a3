package dev.baton.eventing.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a bearer token is the event plane's: signed by the configured issuer's keys, issued by
 * it and unexpired (else the sender is not authenticated), then for this sink's audience and from an
 * accepted subject (else it is authenticated but not allowed).
 */
@Singleton
@Requires(property = "baton.event-auth.enabled", value = "true")
public class SenderVerifier {
    /** What the Kubernetes service account issuer signs with; a token naming anything else is refused. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    public sealed interface Verdict {
        record Accepted(String subject) implements Verdict {
        }

        record Unauthenticated(String reason) implements Verdict {
        }

        record Forbidden(String reason) implements Verdict {
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String audience;
    private final List<String> subjects;

    public SenderVerifier(EventAuthConfig config) {
        this.audience = required(config.audience(), "audience");
        this.subjects = config.subjects() == null ? List.of() : config.subjects();
        if (subjects.isEmpty()) {
            throw new IllegalStateException("baton.event-auth.subjects must name the senders allowed to deliver events");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(required(config.jwksUri(), "jwks-uri")).toURL(),
                    new JwksRetriever(config.jwksCaFile(), config.jwksTokenFile())).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("baton.event-auth.jwks-uri is not a URL: " + config.jwksUri(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(required(config.issuer(), "issuer")).build(), Set.of("sub", "exp")));
    }

    public Verdict verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return new Verdict.Unauthenticated("the token is not valid: " + e.getMessage());
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return new Verdict.Forbidden("the token is for audience " + claims.getAudience() + ", not this sink's");
        }
        if (!subjects.contains(claims.getSubject())) {
            return new Verdict.Forbidden(claims.getSubject() + " may not deliver events here");
        }
        return new Verdict.Accepted(claims.getSubject());
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("baton.event-auth." + key + " must be set when baton.event-auth.enabled is true");
        }
        return value;
    }
}
