package dev.baton.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton up}'s exit code: 1, saying why, when the stack cannot start or a function keeps crashing. */
class MainTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void exitsWith1WhenAPortIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StackConfig config = StackConfig.fromEnv(Map.of("BATON_HOME", "/nonexistent/baton", "BATON_KAFKA_PORT", String.valueOf(port)),
                    Path.of("/")).withFunctions(List.of(FakeFunction.spec("operation", "serve")));

            assertEquals(1, Main.up(config, out));

            assertTrue(printed().contains("[baton] port " + port + " for Kafka (BATON_KAFKA_PORT) is in use"), printed());
        }
        assertTrue(ProcessHandle.current().children().findAny().isEmpty(), "no function was started");
    }

    @Test
    void exitsWith1AfterAFunctionCrashedTooOften(@TempDir Path dir) throws Exception {
        int apiPort = FreePorts.find();
        FunctionSpec crashing = FakeFunction.spec("operation", "serve-once", dir.resolve("started").toString()).withPort(apiPort);
        StackConfig config = LocalStackTest.configOnKafka(List.of(crashing), null);

        CompletableFuture<Integer> up = CompletableFuture.supplyAsync(() -> {
            try {
                return Main.up(config, out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> printed().contains("Baton is up") || up.isDone());
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/exit"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

        assertEquals(1, up.get(60, TimeUnit.SECONDS));
        assertTrue(printed().contains("[baton] operation crashed " + LocalStackTest.FAST_RESTARTS.maxCrashes()
                + " times within 60 s (last exit code 7); giving up, stopping everything"), printed());
        assertTrue(printed().contains("[baton] stopped in"), printed());
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
