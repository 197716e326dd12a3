package dev.baton.operation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.baton.operation.TestHttp.Reply;
import dev.baton.testkit.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static dev.baton.operation.TestHttp.PROBLEM_BASE;
import static dev.baton.operation.TestHttp.binary;
import static dev.baton.operation.TestHttp.signupJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sink with Knative Eventing's sender identity on: an event is taken only with a token the issuer
 * signed for this sink's audience and an allowed sender. The issuer is played by a JWKS served here.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderAuthTest extends OperationApiTest {
    static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    static final String AUDIENCE = "baton-operation-events";
    static final String SENDER = "system:serviceaccount:baton:oidc-kafkasource-baton-operation";

    private final RSAKey issuerKey = key("issuer");
    private final RSAKey strangerKey = key("stranger");
    private HttpServer jwks;

    @Override
    public Map<String, String> getProperties() {
        byte[] keys = new JWKSet(issuerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        try {
            jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jwks.createContext("/openid/v1/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        return TestHttp.properties(
                "baton.event-auth.enabled", "true",
                "baton.event-auth.jwks-uri", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/openid/v1/jwks",
                "baton.event-auth.issuer", ISSUER,
                "baton.event-auth.audience", AUDIENCE,
                "baton.event-auth.subjects", SENDER);
    }

    @AfterAll
    void stopIssuer() {
        jwks.stop(0);
    }

    @Test
    void eventWithoutATokenIs401ProblemAndChangesNothing() {
        String id = pending("auth-none");
        Operation before = repository.findById(id).orElseThrow();

        Reply reply = exchange(binary(Fixtures.userCreateCompleted(id)));

        reply.problem(401, PROBLEM_BASE + "sender-unauthenticated");
        assertEquals(before, repository.findById(id).orElseThrow());
    }

    @Test
    void tokenNotSignedByTheIssuerIs401() {
        String id = pending("auth-stranger");

        Reply forged = exchange(binary(Fixtures.userCreateCompleted(id)).bearerAuth(token(strangerKey, ISSUER, AUDIENCE, SENDER)));
        Reply otherIssuer = exchange(binary(Fixtures.userCreateCompleted(id)).bearerAuth(token(issuerKey, "https://elsewhere", AUDIENCE, SENDER)));

        forged.problem(401, PROBLEM_BASE + "sender-unauthenticated");
        otherIssuer.problem(401, PROBLEM_BASE + "sender-unauthenticated");
        assertEquals(OperationState.PENDING, repository.findById(id).orElseThrow().state());
    }

    @Test
    void tokenForAnotherAudienceOrSenderIs403() {
        String id = pending("auth-forbidden");

        Reply otherAudience = exchange(binary(Fixtures.userCreateCompleted(id)).bearerAuth(token(issuerKey, ISSUER, "baton-user", SENDER)));
        Reply otherSender = exchange(binary(Fixtures.userCreateCompleted(id))
                .bearerAuth(token(issuerKey, ISSUER, AUDIENCE, "system:serviceaccount:baton:default")));

        Map<String, Object> problem = otherAudience.problem(403, PROBLEM_BASE + "sender-forbidden");
        assertTrue(((String) problem.get("detail")).contains("audience"), otherAudience.body());
        otherSender.problem(403, PROBLEM_BASE + "sender-forbidden");
        assertEquals(OperationState.PENDING, repository.findById(id).orElseThrow().state());
    }

    @Test
    void theEventPlanesTokenIsAccepted() {
        String id = pending("auth-valid");

        Reply reply = exchange(binary(Fixtures.userCreateCompleted(id)).bearerAuth(token(issuerKey, ISSUER, AUDIENCE, SENDER)));

        assertEquals(200, reply.status(), reply.body());
        assertEquals(OperationState.COMPLETED, repository.findById(id).orElseThrow().state());
    }

    @Test
    void theClientApiAndHealthNeedNoToken() {
        assertEquals(202, exchange(HttpRequest.POST("/users", signupJson("Auth " + UUID.randomUUID(), "auth@example.com"))
                .contentType(MediaType.APPLICATION_JSON)).status());
        assertEquals(200, exchange(HttpRequest.GET("/health")).status());
    }

    private String token(RSAKey signer, String issuer, String audience, String subject) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
