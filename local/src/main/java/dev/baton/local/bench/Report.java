package dev.baton.local.bench;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable summary on stdout. */
final class Report {

    /** Send lag beyond which the offered load was not really offered. */
    private static final double LATE_MS = 50;

    private Report() {
    }

    static void print(PrintStream out, String heading, Results results, int processors) {
        out.println(heading);
        out.printf("  signups      sent %d  accepted %d  completed %d  failed %d  lost %d%n",
                count(results, "signups.sent"), count(results, "signups.accepted"),
                count(results, "signups.completed"), count(results, "signups.failed"), count(results, "signups.lost"));
        out.printf("  throughput   %s signups/s completed (terminal operations / %s s from first POST to last"
                        + " terminal state)%n",
                value(results, "throughput.completedPerSecond"), value(results, "throughput.seconds"));
        out.printf("               %s Kafka events/s (= %d CloudEvents per signup x completed signups/s)%n",
                value(results, "throughput.kafkaEventsPerSecond"), Results.KAFKA_EVENTS_PER_SIGNUP);
        out.printf("               POSTs sent at %s/s (offered %s/s)%n",
                value(results, "throughput.sentPerSecond"), value(results, "throughput.offeredPerSecond"));
        if (results.figure("throughput.sentPerSecond") < 0.95 * results.figure("throughput.offeredPerSecond")
                || results.figure("latencyMs.sendLag.p99") > LATE_MS) {
            out.println("               WARNING: POSTs left late against the schedule (all POST slots busy, or the"
                    + " generator short of CPU); the waiting is in the latency, which starts at the intended time");
        }
        latency(out, "latency ms", "from intended POST time to terminal state", results, "latencyMs.endToEnd");
        latency(out, "POST ms", "from intended POST time to 202", results, "latencyMs.post");
        out.printf("  send lag ms  p50 %s  p99 %s  max %s (late against the schedule)%n",
                value(results, "latencyMs.sendLag.p50"), value(results, "latencyMs.sendLag.p99"),
                value(results, "latencyMs.sendLag.max"));
        out.printf("  HTTP errors  %s%n", errors(results.errorsByStatus()));
        out.printf("  generator    CPU %s s (Java threads %s s) = %s cores (%s%% of %d cores); machine CPU load %s%%;"
                        + " max polls queued %d%n",
                value(results, "generator.cpuSeconds"), value(results, "generator.threadCpuSeconds"),
                value(results, "generator.cpuCores"),
                value(results, "generator.cpuPercentOfMachine"), processors,
                value(results, "generator.systemCpuLoadPercent"), count(results, "generator.maxQueuedPolls"));
        stackCpu(out, results);
        kafka(out, results);
        drift(out, results);
    }

    /** Runs of three whole minutes or more: does the cost grow with the work done? */
    private static void drift(PrintStream out, Results results) {
        if (!results.figures().containsKey("drift.cpuRatio")) {
            return;
        }
        double cpu = results.figure("drift.cpuRatio");
        double p99 = results.figure("drift.p99Ratio");
        out.printf("  drift        minute 1: %s ms/signup, p99 %s ms, %s/s; minute %d: %s ms/signup, p99 %s ms, %s/s"
                        + " (x%s CPU, x%s p99; %s)%n",
                value(results, "drift.firstMinute.cpuMsPerSignup"), value(results, "drift.firstMinute.p99Ms"),
                value(results, "drift.firstMinute.completedPerSecond"), count(results, "drift.wholeMinutes"),
                value(results, "drift.lastMinute.cpuMsPerSignup"), value(results, "drift.lastMinute.p99Ms"),
                value(results, "drift.lastMinute.completedPerSecond"), value(results, "drift.cpuRatio"),
                value(results, "drift.p99Ratio"),
                Math.abs(cpu - 1) <= 0.2 && Math.abs(p99 - 1) <= 0.2 ? "both within 20%" : "NOT within 20%");
    }

    private static void stackCpu(PrintStream out, Results results) {
        String generator = "  generator " + fine(results, "generator.cpuMsPerSignup") + " ms";
        Map<String, String> processes = results.stackProcesses();
        if (processes.isEmpty()) {
            out.println("  cpu/signup   stack not measured" + generator);
            return;
        }
        String ended = processes.entrySet().stream()
                .filter(entry -> !entry.getValue().endsWith(" measured"))
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        String total = ended.isEmpty() ? fine(results, "stack.cpuMsPerSignup") + " ms"
                : "- (no total: " + ended + ")";
        out.printf("  cpu/signup   %s (%s)%s%n", total, perProcess(results, processes, "cpuMsPerSignup"), generator);
        out.printf("  stack CPU    %s cores (%s) = %s s%n", value(results, "stack.cpuCores"),
                perProcess(results, processes, "cpuCores"), value(results, "stack.cpuSeconds"));
    }

    private static String perProcess(Results results, Map<String, String> processes, String figure) {
        return processes.keySet().stream()
                .map(name -> name + " " + fine(results, "stack." + name + "." + figure))
                .collect(Collectors.joining(", "));
    }

    private static void kafka(PrintStream out, Results results) {
        if (Double.isNaN(results.figure("kafka.baseline.events"))) {
            return;
        }
        double baseline = results.figure("kafka.baseline.eventsPerSecond");
        out.printf("  kafka ratio  %s %% of the broker's own produce+consume rate (baseline %s events/s)%n",
                fine(results, "kafka.ratioPercent"), Double.isNaN(baseline) ? "-" : String.format("%,.0f", baseline));
        out.printf("               baseline: %d of %d events consumed (%d produced) in %s s, %d-byte records;"
                        + " broker CPU %s ms/event%n",
                count(results, "kafka.baseline.consumed"), count(results, "kafka.baseline.events"),
                count(results, "kafka.baseline.produced"), value(results, "kafka.baseline.seconds"),
                count(results, "kafka.baseline.recordBytes"), fine(results, "kafka.baseline.brokerCpuMsPerEvent"));
    }

    private static void latency(PrintStream out, String title, String how, Results results, String prefix) {
        out.printf("  %-12s p50 %s  p95 %s  p99 %s  max %s  (%s)%n", title,
                value(results, prefix + ".p50"), value(results, prefix + ".p95"),
                value(results, prefix + ".p99"), value(results, prefix + ".max"), how);
    }

    static String rate(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private static String errors(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "none";
        }
        return errors.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static long count(Results results, String key) {
        double value = results.figure(key);
        return Double.isNaN(value) ? 0 : Math.round(value);
    }

    /** CPU per event or per signup is often well below a hundredth of a millisecond. */
    private static String fine(Results results, String key) {
        double value = results.figure(key);
        if (Double.isNaN(value)) {
            return "-";
        }
        return Math.abs(value) < 0.1 ? String.format("%.4f", value) : String.format("%.2f", value);
    }

    private static String value(Results results, String key) {
        double value = results.figure(key);
        if (Double.isNaN(value)) {
            return "-";
        }
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value);
    }
}
