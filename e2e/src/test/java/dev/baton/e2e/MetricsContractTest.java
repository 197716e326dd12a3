package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.local.LocalStack;
import dev.baton.local.StackConfig;
import dev.baton.testkit.Fixtures;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function jars export what knative/observability/function-metrics.yaml promises the dashboard:
 * after one approved signup, one rejected signup and one event POST / rejects, each function's scrape has
 * every metric listed for it, of its type and with its labels; and the scrape is on its own port only.
 */
class MetricsContractTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> FUNCTIONS = List.of("operation", "user", "approval");

    private static LocalStack stack;
    private static List<Map<String, Object>> contract;

    @BeforeAll
    static void signUpOnceEachWay() throws IOException {
        stack = Stack.get();
        Path file = StackConfig.fromEnv(Map.of(), Path.of("")).home().resolve("knative/observability/function-metrics.yaml");
        Map<String, List<Map<String, Object>>> root = new Yaml().load(Files.readString(file));
        contract = root.get("metrics");

        Api api = new Api(stack.apiUrl());
        String approved = api.post("/users", "{\"name\":\"Meter\",\"email\":\"meter-" + UUID.randomUUID() + "@example.com\"}").location();
        String rejected = api.post("/users", "{\"name\":\"Mallory\",\"email\":\"mallory@blocked.example\"}").location();
        assertEquals("COMPLETED", api.get(approved + "?wait=30s").body().get("state").asText());
        JsonNode failed = api.get(rejected + "?wait=30s").body();
        assertEquals("FAILED", failed.get("state").asText(), failed.toString());
        // An event the user function can never process, through the HTTP binding: 400, counted as rejected.
        assertEquals(400, postEvent(stack.functionUrl("user"), Fixtures.unknownType()).statusCode());
    }

    @Test
    void everyFunctionExportsEveryMetricTheContractListsForIt() {
        for (String function : FUNCTIONS) {
            List<Map<String, Object>> expected = contract.stream()
                    .filter(metric -> ((List<?>) metric.get("functions")).contains(function)).toList();
            assertTrue(expected.size() >= 10, "the contract lists the event and JVM metrics for " + function);
            // The lag gauges appear once local delivery has fetched from its partitions.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(get(stack.metricsUrl(function)).body());
                List<String> missing = new ArrayList<>();
                for (Map<String, Object> metric : expected) {
                    String problem = scrape.problemWith((String) metric.get("name"), (String) metric.get("type"),
                            Set.copyOf(stringList(metric.get("labels"))), function);
                    if (problem != null) {
                        missing.add(problem);
                    }
                }
                assertEquals(List.of(), missing, function + " at " + stack.metricsUrl(function));
            });
        }
    }

    @Test
    void theSignupsAndTheRejectedEventAreCounted() {
        Scrape operation = Scrape.of(get(stack.metricsUrl("operation")).body());
        assertTrue(operation.value("baton_operations_total", Map.of("state", "COMPLETED")) >= 1);
        assertTrue(operation.value("baton_operations_total", Map.of("state", "FAILED")) >= 1);
        assertTrue(operation.value("baton_operation_duration_seconds_count", Map.of("state", "FAILED")) >= 1);
        assertTrue(operation.value("baton_events_published_total", Map.of("type", "dev.baton.user.create.requested")) >= 2);

        Scrape user = Scrape.of(get(stack.metricsUrl("user")).body());
        assertTrue(user.value("baton_events_handled_total",
                Map.of("type", "dev.baton.user.create.requested", "outcome", "ok")) >= 2);
        assertTrue(user.value("baton_events_handled_total", Map.of("type", "unknown", "outcome", "rejected")) >= 1);

        Scrape approval = Scrape.of(get(stack.metricsUrl("approval")).body());
        assertTrue(approval.value("baton_events_handled_total",
                Map.of("type", "dev.baton.user.approval.requested", "outcome", "ok")) >= 2);
        assertTrue(approval.value("baton_event_publish_duration_seconds_count",
                Map.of("type", "dev.baton.user.approval.decided")) >= 2);
    }

    @Test
    void theScrapeIsOnlyOnItsOwnPortAndThatPortServesNothingElse() {
        assertEquals(404, get(stack.apiUrl() + "/metrics").statusCode(), "no scrape where the public route leads");
        assertEquals(404, get(stack.apiUrl() + "/prometheus").statusCode());
        String metricsBase = stack.metricsUrl("operation").replace("/metrics", "");
        assertEquals(404, get(metricsBase + "/operations/" + UUID.randomUUID()).statusCode(), "no API on the scrape's port");
        assertEquals(404, get(metricsBase + "/health/readiness").statusCode(), "health stays on the main port");
        assertEquals(200, get(stack.apiUrl() + "/health/readiness").statusCode());
        assertTrue(get(stack.metricsUrl("operation")).headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    private static List<String> stringList(Object value) {
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static HttpResponse<String> postEvent(String functionUrl, CloudEvent event) {
        return send(HttpRequest.newBuilder(URI.create(functionUrl + "/")).timeout(Duration.ofSeconds(10))
                .header("ce-specversion", "1.0").header("ce-id", event.getId()).header("ce-type", event.getType())
                .header("ce-source", event.getSource().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.getData() == null ? new byte[0] : event.getData().toBytes()))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
