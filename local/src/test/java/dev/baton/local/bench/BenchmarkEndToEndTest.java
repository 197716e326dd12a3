package dev.baton.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole command against {@link FakeOperationApi}, an in-test stand-in for the measured system. */
class BenchmarkEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void countsCompletedFailedLostAndErrorsAndFailsTheCheck() throws Exception {
        Path file = dir.resolve("results/run.json");
        // 100 signups: #7 never finishes, #13 is refused with 503, every 10th fails
        try (FakeOperationApi api = new FakeOperationApi(new FakeOperationApi.Behaviour(Duration.ofMillis(20), 10, 7, 13))) {
            int exit = run("--url", api.url().toString(), "--rate", "200", "--count", "100", "--warmup", "0",
                    "--wait", "1s", "--drain-timeout", "3s", "--out", file.toString(), "--label", "e2e",
                    "--no-progress");

            assertEquals(Benchmark.FAILED, exit, output());
            assertEquals(100, api.posts());
            assertEquals(100, api.idempotencyKeys(), "each signup carries a key of its own");
        }
        JsonNode result = JSON.readTree(file.toFile());
        JsonNode figures = result.get("figures");
        JsonNode signups = figures.get("signups");
        assertEquals(100, signups.get("sent").asLong());
        assertEquals(99, signups.get("accepted").asLong());
        assertEquals(10, signups.get("failed").asLong(), "#10, #20, ... #100");
        assertEquals(88, signups.get("completed").asLong());
        assertEquals(1, signups.get("lost").asLong(), "#7");
        assertEquals(1, result.get("errorsByStatus").get("POST 503").asLong());
        assertEquals(1, figures.get("httpErrors").get("total").asLong());
        assertFalse(result.get("ok").asBoolean());

        assertEquals("e2e", result.get("label").asText());
        assertEquals("single run", result.get("aggregation").asText());
        assertEquals(200, result.get("parameters").get("rate").asDouble());
        assertEquals(100, result.get("parameters").get("count").asLong());
        assertEquals("3s", result.get("parameters").get("drainTimeout").asText());

        JsonNode throughput = figures.get("throughput");
        double completedPerSecond = throughput.get("completedPerSecond").asDouble();
        assertTrue(completedPerSecond > 0 && completedPerSecond <= 200, "98 terminal in about half a second");
        assertEquals(4 * completedPerSecond, throughput.get("kafkaEventsPerSecond").asDouble(), 0.05);

        JsonNode latency = figures.get("latencyMs").get("endToEnd");
        assertEquals(98, latency.get("count").asLong(), "one value per terminal operation");
        assertTrue(latency.get("p50").asDouble() >= 20, "operations finish 20 ms after the POST: " + latency);
        assertTrue(latency.get("p99").asDouble() <= latency.get("max").asDouble());
        assertTrue(figures.get("latencyMs").get("post").get("p50").asDouble() > 0);
        assertTrue(figures.get("generator").get("cpuSeconds").asDouble() > 0);
        assertEquals(1, result.get("runs").size());

        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("lost 1"), report);
        assertTrue(report.contains("POST 503: 1"), report);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("FAILED"));
    }

    @Test
    void cleanRunsWithWarmupAndRepeatPassAndReportMedians() throws Exception {
        Path file = dir.resolve("clean.json");
        try (FakeOperationApi api = new FakeOperationApi(FakeOperationApi.Behaviour.allComplete(Duration.ofMillis(5)))) {
            // long enough (1.25 s per run) for progress lines; warmup 100 ms at 200/s is 20 signups per run
            int exit = run("--url", api.url().toString(), "--rate", "200", "--count", "250", "--warmup", "100ms",
                    "--wait", "2s", "--drain-timeout", "10s", "--repeat", "2", "--out", file.toString());

            assertEquals(Benchmark.OK, exit, output());
            assertEquals(2 * (20 + 250), api.posts(), "warmup signups are sent but not counted");
        }
        JsonNode result = JSON.readTree(file.toFile());
        assertTrue(result.get("ok").asBoolean());
        assertEquals("median of 2 runs", result.get("aggregation").asText());
        assertEquals(2, result.get("runs").size());
        for (JsonNode run : result.get("runs")) {
            assertEquals(250, run.get("figures").get("signups").get("completed").asLong());
            assertEquals(0, run.get("figures").get("signups").get("lost").asLong());
        }
        assertEquals(250, result.get("figures").get("signups").get("completed").asLong());
        assertTrue(result.get("errorsByStatus").isEmpty());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("median of 2 runs"));
        String progress = err.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("[bench] measure"), progress);
        assertTrue(progress.contains("in flight"), progress);
        Path picture = dir.resolve("clean.png");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("picture: " + picture), output());
        assertEquals(BenchmarkChart.WIDTH, javax.imageio.ImageIO.read(picture.toFile()).getWidth(), "the picture is beside the JSON");
    }

    @Test
    void comparePrintsRatiosAgainstTheBaseline() throws Exception {
        Path baseline = dir.resolve("a.json");
        Path other = dir.resolve("b.json");
        BenchmarkOptions options = BenchmarkOptions.parse("--label", "x");
        ResultWriter.write(baseline, options, StackProcesses.Found.none("test"), java.util.List.of(results(400, 80.0)),
                results(400, 80.0), java.time.Instant.now(), java.time.Instant.now());
        ResultWriter.write(other, options, StackProcesses.Found.none("test"), java.util.List.of(results(200, 240.0)),
                results(200, 240.0), java.time.Instant.now(), java.time.Instant.now());

        assertEquals(Benchmark.OK, run("--compare", baseline.toString(), other.toString()));

        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.matches("(?s).*throughput\\.completedPerSecond\\s+400\\s+200\\s+0\\.50.*"), table);
        assertTrue(table.matches("(?s).*latencyMs\\.endToEnd\\.p99\\s+80\\s+240\\s+3\\.00.*"), table);
    }

    @Test
    void saysSoWhenTheApiIsNotRunning() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path file = dir.resolve("none.json");

        int exit = run("--url", "http://127.0.0.1:" + port, "--count", "10", "--out", file.toString());

        assertEquals(Benchmark.FAILED, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot reach the API"), output());
        assertFalse(java.nio.file.Files.exists(file), "nothing measured, nothing written");
    }

    @Test
    void helpAndUsageErrors() {
        assertEquals(Benchmark.OK, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--max-inflight-polls"));
        assertEquals(Benchmark.USAGE, run("--rate", "-1"));
        assertEquals(Benchmark.USAGE, run("--compare", dir.resolve("missing.json").toString(), "b.json"));
    }

    private static Results results(double completedPerSecond, double p99) {
        java.util.Map<String, Number> figures = new java.util.LinkedHashMap<>();
        figures.put("throughput.completedPerSecond", completedPerSecond);
        figures.put("latencyMs.endToEnd.p99", p99);
        return new Results("r", figures, java.util.Map.of());
    }

    private int run(String... args) {
        return Benchmark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
