package dev.baton.e2e;

import dev.baton.local.FreePorts;
import dev.baton.local.StackConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar baton-local.jar up} as its own process, exactly as {@code ./baton up} runs it, on free ports and a given data directory. */
final class Launcher {
    private static final Duration READY = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;

    private Launcher(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Free ports for everything, data in {@code data}, quiet functions. */
    static Map<String, String> env(Path data) {
        Map<String, String> env = new HashMap<>();
        env.put("BATON_HOME", StackConfig.fromEnv(Map.of(), Path.of("")).home().toString());
        env.put("BATON_DATA_DIR", data.toString());
        for (String port : List.of("BATON_PORT", "BATON_USER_PORT", "BATON_APPROVAL_PORT", "BATON_KAFKA_PORT", "BATON_MONGO_PORT")) {
            env.put(port, String.valueOf(FreePorts.find()));
        }
        env.put("BATON_TOPIC_PARTITIONS", "3");
        env.put("BATON_LOG_LEVEL", "WARN");
        return env;
    }

    static String api(Map<String, String> env) {
        return "http://127.0.0.1:" + env.get("BATON_PORT");
    }

    static Launcher start(Map<String, String> env, Path log) throws IOException {
        Path jar = Path.of(env.get("BATON_HOME"), "local", "target", "baton-local.jar");
        assertTrue(Files.isRegularFile(jar), "the launcher jar is built before the e2e tests: " + jar);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "up")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("MONGODB_URI");
        return new Launcher(builder.start(), log);
    }

    /** Waits for a line of the launcher's output; the banner comes once every function answers its readiness probe. */
    void awaitOutput(String text) {
        await().atMost(READY).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertTrue(process.isAlive(), () -> "the stack exited: " + output());
            return output().contains(text);
        });
    }

    void awaitReady() {
        awaitOutput("Baton is up");
    }

    /** The pid of the child running {@code baton-<function>.jar}. */
    ProcessHandle function(String function) {
        return process.descendants()
                .filter(child -> child.info().commandLine().orElse("").contains("baton-" + function + ".jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + function + " process under the launcher"));
    }

    /** SIGKILL to the launcher and every process under it at once, as a crash of the whole machine session would. */
    void killAll() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        process.waitFor();
    }

    /** Ctrl-C, and SIGKILL if that did not end it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            killAll();
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static HttpRequest signup(String api, String name, String email) {
        return HttpRequest.newBuilder(URI.create(api + "/users")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}")).build();
    }
}
