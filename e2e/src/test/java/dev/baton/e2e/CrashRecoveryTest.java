package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.baton.local.FreePorts;
import dev.baton.local.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
 * The whole local stack, as {@code baton up} runs it, killed with SIGKILL (launcher, brokers and the
 * three functions at once) while signups arrive, then started again on the same data: every signup
 * that got its 202 reaches COMPLETED or FAILED (never TIMEOUT, never 404), with exactly one user.
 */
@DisabledIf(value = "dev.baton.testkit.SharedServers#usingContainers", disabledReason = "runs its own embedded servers")
class CrashRecoveryTest {
    private static final Duration READY = Duration.ofSeconds(120);
    private static final int MAX_SIGNUPS = 6000;

    @TempDir
    Path data;

    @Test
    void everyAcceptedSignupEndsOnceAfterTheWholeStackIsKilled() throws Exception {
        Map<String, String> env = stackEnv();
        String api = "http://127.0.0.1:" + env.get("BATON_PORT");
        Set<String> accepted = ConcurrentHashMap.newKeySet();

        Process first = startStack(env, "first");
        awaitReady(first, "first");
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // About 100 signups a second; the kill comes once some were accepted, with more still on their way.
        int killAt = -1;
        for (int i = 0; i < MAX_SIGNUPS && (killAt < 0 || i <= killAt); i++) {
            posts.add(http.sendAsync(signup(api, "Crash " + i, "crash-" + i + "@example.com"), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        if (response.statusCode() == 202) {
                            accepted.add(response.headers().firstValue("Location").orElseThrow());
                        }
                    })
                    .exceptionally(error -> null));
            TimeUnit.MILLISECONDS.sleep(10);
            if (killAt < 0 && accepted.size() >= 40) {
                killAt = i + 30;
            }
        }
        killWithChildren(first);
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        first.waitFor(30, TimeUnit.SECONDS);
        assertTrue(accepted.size() >= 40, "signups accepted before the kill: " + accepted.size());

        Process second = startStack(env, "second");
        try {
            awaitReady(second, "second");
            Api client = new Api(api);
            Map<String, JsonNode> ended = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (String location : accepted) {
                    if (!ended.containsKey(location)) {
                        Api.Response response = client.get(location + "?wait=1s");
                        assertEquals(200, response.status(), location + " is known after the restart");
                        if (response.body().get("done").asBoolean()) {
                            ended.put(location, response.body());
                        }
                    }
                }
                return ended.size() == accepted.size();
            });
            try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + env.get("BATON_MONGO_PORT"))) {
                for (JsonNode operation : ended.values()) {
                    String state = operation.get("state").asText();
                    assertTrue(state.equals("COMPLETED"), operation.toString());
                    assertEquals(1, mongo.getDatabase("user_service").getCollection("users")
                            .countDocuments(Filters.eq("operationId", operation.get("id").asText())), operation.toString());
                }
            }
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                killWithChildren(second);
            }
        }
    }

    private Map<String, String> stackEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("BATON_HOME", StackConfig.fromEnv(Map.of(), Path.of("")).home().toString());
        env.put("BATON_DATA_DIR", data.toString());
        env.put("BATON_PORT", String.valueOf(FreePorts.find()));
        env.put("BATON_USER_PORT", String.valueOf(FreePorts.find()));
        env.put("BATON_APPROVAL_PORT", String.valueOf(FreePorts.find()));
        env.put("BATON_KAFKA_PORT", String.valueOf(FreePorts.find()));
        env.put("BATON_MONGO_PORT", String.valueOf(FreePorts.find()));
        env.put("BATON_TOPIC_PARTITIONS", "3");
        env.put("BATON_LOG_LEVEL", "WARN");
        return env;
    }

    private Process startStack(Map<String, String> env, String name) throws IOException {
        Path jar = Path.of(env.get("BATON_HOME"), "local", "target", "baton-local.jar");
        assertTrue(Files.isRegularFile(jar), "the launcher jar is built before the e2e tests: " + jar);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "up")
                .redirectErrorStream(true)
                .redirectOutput(data.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("MONGODB_URI");
        return builder.start();
    }

    /** The launcher prints its banner only once every function answers its readiness probe. */
    private void awaitReady(Process stack, String name) {
        Path log = data.resolve(name + ".log");
        await().atMost(READY).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertTrue(stack.isAlive(), () -> "the " + name + " stack exited: " + log());
            return Files.readString(log).contains("Baton is up");
        });
    }

    private String log() {
        try (var files = Files.list(data)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                text.append(Files.readString(file));
            }
            return text.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static HttpRequest signup(String api, String name, String email) {
        return HttpRequest.newBuilder(URI.create(api + "/users")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}")).build();
    }

    /** SIGKILL to the launcher and every process under it at once, as a crash of the machine's session would. */
    private static void killWithChildren(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
    }
}
