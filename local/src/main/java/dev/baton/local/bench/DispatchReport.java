package dev.baton.local.bench;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The human-readable summary of a {@code --dispatch} run on stdout. */
final class DispatchReport {

    /** CPU per event the performance issue asks of each function, in µs. */
    static final Map<String, Double> TARGET_US = Map.of("approval", 150.0, "user", 400.0, "operation", 300.0);

    private DispatchReport() {
    }

    static void print(PrintStream out, String heading, String function, Results results) {
        out.println(heading);
        out.printf("  events       sent %d  accepted %d  rejected (4xx) %d  failed (5xx) %d  no answer %d%n",
                count(results, "events.sent"), count(results, "events.accepted"), count(results, "events.rejected"),
                count(results, "events.failed"), count(results, "events.noAnswer"));
        out.printf("  throughput   %s events/s accepted (over %s s from the first intended send to the last answer);"
                        + " sent at %s/s, offered %s/s%n",
                value(results, "throughput.eventsPerSecond"), value(results, "throughput.seconds"),
                value(results, "throughput.sentPerSecond"), value(results, "throughput.offeredPerSecond"));
        if (results.figure("throughput.sentPerSecond") < 0.95 * results.figure("throughput.offeredPerSecond")
                || results.figure("latencyMs.sendLag.p99") > 50) {
            out.println("               WARNING: events left late against the schedule (the window was full, or the"
                    + " generator short of CPU): the function did not keep up with the offered rate; the waiting is in"
                    + " the latency, which starts at the intended time");
        }
        latency(out, "latency ms", results, "latencyMs.event");
        TreeSet<String> types = results.figures().keySet().stream()
                .filter(key -> key.startsWith("latencyMs.") && key.endsWith(".p50"))
                .map(key -> key.substring("latencyMs.".length(), key.length() - ".p50".length()))
                .filter(type -> !type.equals("event") && !type.equals("sendLag"))
                .collect(Collectors.toCollection(TreeSet::new));
        types.forEach(type -> latency(out, "  " + type, results, "latencyMs." + type));
        out.printf("  send lag ms  p50 %s  p99 %s  max %s;  in flight at most %d of %d%n",
                value(results, "latencyMs.sendLag.p50"), value(results, "latencyMs.sendLag.p99"),
                value(results, "latencyMs.sendLag.max"), count(results, "dispatch.maxInFlight"),
                count(results, "dispatch.concurrency"));
        out.printf("  HTTP errors  %s%n", results.errorsByStatus().isEmpty() ? "none"
                : results.errorsByStatus().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")));
        double perEvent = results.figure("function.cpuUsPerEvent");
        if (Double.isNaN(perEvent)) {
            String status = results.stackProcesses().values().stream().findFirst().orElse("not found");
            out.printf("  cpu/event    %s: not measured (%s)%n", function, status);
        } else {
            double target = TARGET_US.getOrDefault(function, Double.NaN);
            out.printf("  cpu/event    %s %.1f µs (%s s CPU = %s cores, over %d accepted events); target <= %.0f µs%s%n",
                    function, perEvent, value(results, "function.cpuSeconds"), value(results, "function.cpuCores"),
                    count(results, "function.eventsCounted"), target, perEvent <= target ? "" : "  (above)");
        }
        out.printf("  generator    %s µs/event, %s cores; machine CPU load %s%%%n",
                value(results, "generator.cpuUsPerEvent"), value(results, "generator.cpuCores"),
                value(results, "generator.systemCpuLoadPercent"));
    }

    private static void latency(PrintStream out, String title, Results results, String prefix) {
        out.printf("  %-12s p50 %s  p90 %s  p99 %s  max %s  (%d events)%n", title,
                value(results, prefix + ".p50"), value(results, prefix + ".p90"), value(results, prefix + ".p99"),
                value(results, prefix + ".max"), count(results, prefix + ".count"));
    }

    private static long count(Results results, String key) {
        double value = results.figure(key);
        return Double.isNaN(value) ? 0 : Math.round(value);
    }

    private static String value(Results results, String key) {
        double value = results.figure(key);
        if (Double.isNaN(value)) {
            return "-";
        }
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value);
    }
}
