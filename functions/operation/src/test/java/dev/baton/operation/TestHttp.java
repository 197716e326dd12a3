package dev.baton.operation;

import dev.baton.testkit.SharedServers;
import io.cloudevents.CloudEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers shared by the operation tests: properties, raw HTTP exchanges, JSON and problem checks. */
final class TestHttp {
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_BASE = "https://baton.dev/problems/";

    private TestHttp() {
    }

    /** The shared Kafka and Mongo, plus this test class's own settings as key/value pairs. */
    static Map<String, String> properties(String... keyValues) {
        Map<String, String> properties = SharedServers.properties(keyValues);
        // Long-polling GETs may legitimately hold a request longer than the client's 10 s default.
        properties.putIfAbsent("micronaut.http.client.read-timeout", "70s");
        return properties;
    }

    static String bootstrap() {
        return SharedServers.kafkaBootstrapServers();
    }

    /** A response whatever its status: status, content type, Location and the body as text. */
    record Reply(int status, String contentType, String location, String body, JsonMapper json) {
        Map<String, Object> map() {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON object: " + body, e);
            }
        }

        /** Checks the RFC 9457 members and returns the body for further checks. */
        Map<String, Object> problem(int expectedStatus, String expectedType) {
            assertEquals(expectedStatus, status, body);
            assertNotNull(contentType, "no Content-Type on the problem response");
            assertTrue(contentType.startsWith(PROBLEM_JSON), "Content-Type was " + contentType);
            Map<String, Object> problem = map();
            assertEquals(expectedType, problem.get("type"), body);
            assertEquals(expectedStatus, ((Number) problem.get("status")).intValue(), body);
            assertTrue(problem.get("title") instanceof String t && !t.isBlank(), "no title: " + body);
            assertTrue(problem.get("detail") instanceof String d && !d.isBlank(), "no detail: " + body);
            return problem;
        }

        @SuppressWarnings("unchecked")
        List<String> errorFields() {
            Object errors = map().get("errors");
            assertTrue(errors instanceof List<?>, "no errors[] in " + body);
            return ((List<Map<String, Object>>) errors).stream().map(e -> (String) e.get("field")).toList();
        }
    }

    static Reply exchange(HttpClient client, JsonMapper json, HttpRequest<?> request) {
        HttpResponse<?> response;
        try {
            response = client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        return new Reply(response.code(), response.getHeaders().get(HttpHeaders.CONTENT_TYPE),
                response.getHeaders().get(HttpHeaders.LOCATION), response.getBody(String.class).orElse(null), json);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> map, String key) {
        Object value = map.get(key);
        assertTrue(value instanceof Map<?, ?>, key + " is not an object in " + map);
        return (Map<String, Object>) value;
    }

    static String signupJson(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

    /** A CloudEvent as KafkaSource POSTs it in binary mode: data as the body, attributes as ce-* headers. */
    static MutableHttpRequest<byte[]> binary(CloudEvent event) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST("/", event.getData() == null ? new byte[0] : event.getData().toBytes())
                .header("ce-specversion", event.getSpecVersion().toString())
                .header("ce-id", event.getId())
                .header("ce-type", event.getType())
                .header("ce-source", event.getSource().toString());
        if (event.getDataContentType() != null) {
            request.header(HttpHeaders.CONTENT_TYPE, event.getDataContentType());
        }
        if (event.getSubject() != null) {
            request.header("ce-subject", event.getSubject());
        }
        if (event.getTime() != null) {
            request.header("ce-time", event.getTime().toString());
        }
        for (String name : event.getExtensionNames()) {
            request.header("ce-" + name, String.valueOf(event.getExtension(name)));
        }
        return request;
    }
}
