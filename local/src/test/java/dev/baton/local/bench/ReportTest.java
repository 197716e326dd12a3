package dev.baton.local.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    @Test
    void printsCpuPerSignupPerProcessAndTheKafkaRatio() {
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("generator.cpuMsPerSignup", 0.2);
        figures.put("stack.cpuMsPerSignup", 2.31);
        figures.put("stack.launcher.cpuMsPerSignup", 0.81);
        figures.put("stack.user.cpuMsPerSignup", 1.5);
        figures.put("kafka.ratioPercent", 0.42);
        figures.put("kafka.baseline.eventsPerSecond", 140_000.0);
        figures.put("kafka.baseline.events", 4_000L);
        Map<String, String> processes = new LinkedHashMap<>();
        processes.put("launcher", "pid 1 measured");
        processes.put("user", "pid 2 measured");
        Results results = new Results("r", figures, Map.of(), processes);

        String report = print(results);

        assertTrue(report.contains("cpu/signup   2.31 ms (launcher 0.81, user 1.50)  generator 0.20 ms"), report);
        assertTrue(report.contains("kafka ratio  0.42 % of the broker's own produce+consume rate"
                + " (baseline 140,000 events/s)"), report);
    }

    @Test
    void saysWhenAProcessEndedOrNoStackWasMeasured() {
        Map<String, Number> figures = Map.of("generator.cpuMsPerSignup", 0.25, "stack.launcher.cpuMsPerSignup", 0.8);

        Map<String, String> processes = new LinkedHashMap<>();
        processes.put("launcher", "pid 1 measured");
        processes.put("user", "pid 2 ended during the run");
        String ended = print(new Results("r", figures, Map.of(), processes));
        String none = print(new Results("r", figures, Map.of()));

        assertTrue(ended.contains("cpu/signup   - (no total: user pid 2 ended during the run)"), ended);
        assertTrue(none.contains("cpu/signup   stack not measured  generator 0.25 ms"), none);
        assertFalse(none.contains("kafka ratio"), none);
    }

    private static String print(Results results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "run", results, 2);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
