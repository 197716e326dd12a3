package dev.baton.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --dispatch} against a fake sink: what is sent, in which order, how many at once, and what is reported. */
class DispatchEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void userSignupsSendTheDecisionOnceTheRequestIsAcceptedWithinTheWindow() throws Exception {
        try (FakeEventSink sink = new FakeEventSink(20)) {
            Path out = dir.resolve("user.json");
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            int exit = Benchmark.run(new String[] {"--dispatch", "user", "--url", sink.url().toString(),
                    "--rate", "200", "--count", "40", "--warmup", "100ms", "--concurrency", "3", "--no-progress",
                    "--out", out.toString()}, print(stdout), print(new ByteArrayOutputStream()));

            assertEquals(Benchmark.OK, exit, stdout.toString(StandardCharsets.UTF_8));
            // warmup: 100 ms at 100 signups/s = 10 signups; measured: 20 signups; each a request and a decision
            assertEquals(30, sink.count("dev.baton.user.create.requested"));
            assertEquals(30, sink.count("dev.baton.user.approval.decided"), "no decision before its request");
            assertTrue(sink.maxConcurrent() <= 3, "at most the window in flight: " + sink.maxConcurrent());
            JsonNode figures = ResultWriter.JSON.readTree(out.toFile()).path("figures");
            assertEquals(40, figures.path("events").path("sent").asLong());
            assertEquals(40, figures.path("events").path("accepted").asLong());
            assertEquals(20, figures.path("latencyMs").path("approval-decided").path("count").asLong());
            assertEquals(3, figures.path("dispatch").path("concurrency").asLong());
            String report = stdout.toString(StandardCharsets.UTF_8);
            assertTrue(report.contains("accepted 40"), report);
            assertTrue(report.contains("cpu/event    user: not measured"), report);
        }
    }

    @Test
    void rejectedEventsFailTheCheck() throws Exception {
        try (FakeEventSink sink = new FakeEventSink(0)) {
            // the sink knows no users, so every decision is a 400, like the user function's for an unknown user;
            // the approval workload is not it, but a user decision alone is what a broken chain would send
            DispatchMeasurements measurements = new DispatchMeasurements();
            try (HttpLoop http = new HttpLoop(sink.url())) {
                DispatchEvent decided = DispatchEvents.approvalDecided(DispatchEvents.operationIdFor("nobody"));
                DispatchWorkload decisionsOnly = new DispatchWorkload() {
                    @Override
                    public int eventsPerUnit() {
                        return 1;
                    }

                    @Override
                    public DispatchEvent first(long unit) {
                        return decided;
                    }

                    @Override
                    public DispatchEvent after(DispatchEvent accepted) {
                        return null;
                    }
                };
                DispatchSender sender = new DispatchSender(http, "/", decisionsOnly, measurements,
                        new java.util.concurrent.Semaphore(2), 0, 5_000_000_000L);
                for (int i = 0; i < 4; i++) {
                    sender.send(i, System.nanoTime());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> measurements.openUnits() == 0);
            }
            Results results = DispatchResults.of("r", measurements, DispatchWorkload.approval("r"), 10, 2,
                    new CpuMeter.Usage(0.1, 0.1, 1, 0.1, 5, 10), null);
            assertEquals(4, results.figure("events.rejected"));
            assertEquals(4L, results.errorsByStatus().get("POST 400"));
            assertFalse(results.ok());
        }
    }

    @Test
    void saysSoWhenTheFunctionIsNotRunning() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = Benchmark.run(new String[] {"--dispatch", "approval", "--url", "http://127.0.0.1:1",
                "--count", "1", "--no-progress", "--out", dir.resolve("x.json").toString()},
                print(new ByteArrayOutputStream()), print(stderr));
        assertEquals(Benchmark.FAILED, exit);
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("cannot reach the approval function"));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
