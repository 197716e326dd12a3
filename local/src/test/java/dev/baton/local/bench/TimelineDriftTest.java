package dev.baton.local.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The long-run figures: the first and last whole minute of the measured phase, from made-up samples. */
class TimelineDriftTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long TICKS = 100;

    @Test
    void comparesTheFirstAndTheLastWholeMinute(@TempDir Path root) {
        FakeProc proc = new FakeProc(root).process(7, 1, "java -jar baton-operation.jar", Map.of());
        Timeline timeline = new Timeline(0, proc.procFs(), List.of(new StackProcesses.Watched("operation", 7)), TICKS);
        Measurements measured = new Measurements();
        long ticks = 0;
        // 10 s of warmup, then 4 whole minutes and a part: 100 signups/s; 0.5 cores in minute 1, 0.6 in minute 4.
        for (int second = 1; second <= 10 + 4 * 60 + 20; second++) {
            long now = second * SECOND;
            String phase = second <= 10 ? "warmup" : "measure";
            // The first sample of the measured phase only marks its start, so minute 1 is seconds 12..71.
            int minute = Math.max(0, second - 12) / 60;
            double cores = minute == 3 ? 0.6 : 0.5;
            if (second > 10) {
                long latencyMs = minute == 3 ? 300 : 200;
                for (int i = 0; i < 100; i++) {
                    measured.recordTerminal(new Operation(now - latencyMs * 1_000_000L, measured), true, now);
                }
            }
            ticks += Math.round(cores * TICKS);
            proc.stat(7, 1, ticks, 0, 1000);
            timeline.sample(phase, List.of(measured), now);
        }
        timeline.sample("drain", List.of(measured), (10 + 4 * 60 + 21) * SECOND);

        Map<String, Number> drift = timeline.drift();
        assertEquals(4, drift.get("drift.wholeMinutes").intValue());
        assertEquals(100.0, drift.get("drift.firstMinute.completedPerSecond").doubleValue(), 0.01);
        assertEquals(5.0, drift.get("drift.firstMinute.cpuMsPerSignup").doubleValue(), 0.01, drift::toString);
        assertEquals(6.0, drift.get("drift.lastMinute.cpuMsPerSignup").doubleValue(), 0.01, drift::toString);
        assertEquals(1.2, drift.get("drift.cpuRatio").doubleValue(), 0.01);
        assertEquals(200.0, drift.get("drift.firstMinute.p99Ms").doubleValue(), 1.0);
        assertEquals(1.5, drift.get("drift.p99Ratio").doubleValue(), 0.01);
    }

    @Test
    void shortRunsHaveNoDrift(@TempDir Path root) {
        FakeProc proc = new FakeProc(root).process(7, 1, "java -jar baton-operation.jar", Map.of());
        Timeline timeline = new Timeline(0, proc.procFs(), List.of(new StackProcesses.Watched("operation", 7)), TICKS);
        Measurements measured = new Measurements();
        for (int second = 1; second <= 150; second++) {
            timeline.sample("measure", List.of(measured), second * SECOND);
        }
        assertTrue(timeline.drift().isEmpty(), timeline.drift()::toString);
    }
}
