package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.baton.eventing.contract.Databases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack as {@code baton up} runs it, crashed while signups arrive: every signup that got its
 * 202 reaches COMPLETED (never TIMEOUT, never 404), with exactly one user.
 */
@DisabledIf(value = "dev.baton.testkit.SharedServers#usingContainers", disabledReason = "runs its own embedded servers")
class CrashRecoveryTest {
    private static final int MAX_SIGNUPS = 6000;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcceptedSignupEndsOnceAfterTheWholeStackIsKilled() throws Exception {
        Map<String, String> env = Launcher.env(data);
        Set<String> accepted = ConcurrentHashMap.newKeySet();

        Launcher first = Launcher.start(env, data.resolve("first.log"));
        first.awaitReady();
        // About 100 signups a second; the kill comes once some were accepted, with more still on their way.
        List<CompletableFuture<Void>> posts = sendUntil(env, accepted, () -> accepted.size() >= 40, 30);
        first.killAll();
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertTrue(accepted.size() >= 40, "signups accepted before the kill: " + accepted.size());

        Launcher second = Launcher.start(env, data.resolve("second.log"));
        try {
            second.awaitReady();
            assertAllCompletedOnce(env, accepted);
        } finally {
            second.stop();
        }
    }

    @Test
    void aKilledFunctionIsRestartedAndDeliveryResumesWithinTenSeconds() throws Exception {
        Map<String, String> env = Launcher.env(data);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Launcher stack = Launcher.start(env, data.resolve("stack.log"));
        try {
            stack.awaitReady();
            List<CompletableFuture<Void>> posts = sendUntil(env, accepted, () -> accepted.size() >= 40, 30);
            stack.function("user").destroyForcibly();
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            stack.awaitOutput("user is ready again");

            // A signup sent now completes within its 10 s wait only if the restarted function got its
            // partitions back at once, instead of after the dead consumer's session ran out.
            HttpResponse<String> created = http.send(Launcher.signup(Launcher.api(env), "After Restart", "after@example.com"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, created.statusCode(), created.body());
            Api.Response waited = new Api(Launcher.api(env)).get(created.headers().firstValue("Location").orElseThrow() + "?wait=10s");
            assertEquals("COMPLETED", waited.body().get("state").asText(), waited.body().toString());

            assertAllCompletedOnce(env, accepted);
        } finally {
            stack.stop();
        }
    }

    /** Sends about 100 signups a second until {@code enough} holds, then {@code more} more. */
    private List<CompletableFuture<Void>> sendUntil(Map<String, String> env, Set<String> accepted,
                                                    java.util.function.BooleanSupplier enough, int more) throws InterruptedException {
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        int stopAt = -1;
        for (int i = 0; i < MAX_SIGNUPS && (stopAt < 0 || i <= stopAt); i++) {
            posts.add(http.sendAsync(Launcher.signup(Launcher.api(env), "Crash " + i, "crash-" + i + "@example.com"),
                            HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        if (response.statusCode() == 202) {
                            accepted.add(response.headers().firstValue("Location").orElseThrow());
                        }
                    })
                    .exceptionally(error -> null));
            TimeUnit.MILLISECONDS.sleep(10);
            if (stopAt < 0 && enough.getAsBoolean()) {
                stopAt = i + more;
            }
        }
        return posts;
    }

    private void assertAllCompletedOnce(Map<String, String> env, Set<String> accepted) {
        Api client = new Api(Launcher.api(env));
        Map<String, JsonNode> ended = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String location : accepted) {
                if (!ended.containsKey(location)) {
                    Api.Response response = client.get(location + "?wait=1s");
                    assertEquals(200, response.status(), location + " is known");
                    if (response.body().get("done").asBoolean()) {
                        ended.put(location, response.body());
                    }
                }
            }
            return ended.size() == accepted.size();
        });
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + env.get("BATON_MONGO_PORT"))) {
            for (JsonNode operation : ended.values()) {
                assertEquals("COMPLETED", operation.get("state").asText(), operation.toString());
                assertEquals(1, mongo.getDatabase(Databases.USER).getCollection("users")
                        .countDocuments(Filters.eq("operationId", operation.get("id").asText())), operation.toString());
            }
        }
    }
}
