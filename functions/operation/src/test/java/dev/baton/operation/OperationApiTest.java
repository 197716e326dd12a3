package dev.baton.operation;

import dev.baton.operation.TestHttp.Reply;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.baton.operation.TestHttp.signupJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the operation function's tests share: the running function on the shared servers, its HTTP
 * client, and the calls they make of it. A test class adds its own settings by overriding
 * {@link #getProperties()} with {@link TestHttp#properties(String...)}.
 */
abstract class OperationApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    OperationRepository repository;

    @Override
    public Map<String, String> getProperties() {
        return TestHttp.properties();
    }

    Reply exchange(HttpRequest<?> request) {
        return TestHttp.exchange(client, json, request);
    }

    Reply get(String uri) {
        return exchange(HttpRequest.GET(uri));
    }

    /** {@code POST /users} with {@code body}, and the {@code Idempotency-Key} if one is given; whatever the answer. */
    Reply post(String body, @Nullable String idempotencyKey) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST("/users", body.getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(request);
    }

    /** A signup under a fresh name and {@code <prefix>@example.com}, which must be accepted. */
    Reply signup(String prefix) {
        Reply reply = post(signupJson(prefix + " " + UUID.randomUUID(), prefix + "@example.com"), null);
        assertEquals(202, reply.status(), reply.body());
        return reply;
    }

    /** The id of {@link #signup}'s operation. */
    String signupId(String prefix) {
        return (String) signup(prefix).map().get("id");
    }

    /** A pending operation written straight to the database, due in five minutes. */
    String pending(String prefix) {
        String id = prefix + "-" + UUID.randomUUID();
        Instant now = Instant.now();
        repository.save(Operation.pending(id, "Ada " + prefix, "ada@example.com", null, now, now.plus(Duration.ofMinutes(5))));
        return id;
    }
}
