package dev.baton.local.bench;

import static dev.baton.local.bench.Figures.millis;
import static dev.baton.local.bench.Figures.put;
import static dev.baton.local.bench.Figures.round;
import static dev.baton.local.bench.Figures.seconds;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one run, or the medians over several, under flat dotted keys in a fixed order
 * ({@code latencyMs.endToEnd.p99}); the JSON file nests them by the dots.
 */
record Results(String runId, Map<String, Number> figures, Map<String, Long> errorsByStatus,
               Map<String, String> stackProcesses) {

    Results(String runId, Map<String, Number> figures, Map<String, Long> errorsByStatus) {
        this(runId, figures, errorsByStatus, Map.of());
    }

    /**
     * CloudEvents each signup writes to Kafka in the saga: user.create.requested, user.approval.requested,
     * user.approval.decided, user.create.completed or user.create.failed.
     */
    static final int KAFKA_EVENTS_PER_SIGNUP = 4;

    static Results of(String runId, Measurements measurements, double offeredRate, CpuMeter.Usage cpu,
                      int maxQueuedPolls) {
        Measurements.Counts counts = measurements.counts();
        Map<String, Long> errors = measurements.errorsByStatus();
        if (counts.unanswered() > 0) {
            errors.merge("POST no-response", counts.unanswered(), Long::sum);
        }
        long errorTotal = errors.values().stream().mapToLong(Long::longValue).sum();
        long terminal = counts.completed() + counts.failed();

        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("signups.sent", counts.sent());
        figures.put("signups.accepted", counts.accepted());
        figures.put("signups.completed", counts.completed());
        figures.put("signups.failed", counts.failed());
        figures.put("signups.lost", counts.lost());
        figures.put("httpErrors.total", errorTotal);

        double sendSeconds = seconds(measurements.firstIntendedNanos(), measurements.lastSendNanos());
        double measuredSeconds = terminal == 0 ? Double.NaN
                : seconds(measurements.firstIntendedNanos(), measurements.lastTerminalNanos());
        double completedPerSecond = terminal / measuredSeconds;
        figures.put("throughput.offeredPerSecond", round(offeredRate, 2));
        put(figures, "throughput.sentPerSecond", round((counts.sent() - 1) / sendSeconds, 2));
        put(figures, "throughput.completedPerSecond", round(completedPerSecond, 2));
        put(figures, "throughput.kafkaEventsPerSecond", round(KAFKA_EVENTS_PER_SIGNUP * completedPerSecond, 2));
        put(figures, "throughput.seconds", round(measuredSeconds, 3));

        putLatency(figures, "latencyMs.endToEnd", measurements.endToEnd(), 50, 90, 95, 99, 99.9);
        putLatency(figures, "latencyMs.post", measurements.post(), 50, 90, 95, 99, 99.9);
        putLatency(figures, "latencyMs.sendLag", measurements.sendLag(), 50, 99);

        put(figures, "generator.cpuSeconds", round(cpu.cpuSeconds(), 3));
        put(figures, "generator.cpuMsPerSignup", round(1000 * cpu.cpuSeconds() / terminal, 4));
        put(figures, "generator.threadCpuSeconds", round(cpu.threadCpuSeconds(), 3));
        put(figures, "generator.cpuCores", round(cpu.cores(), 3));
        put(figures, "generator.cpuPercentOfMachine", round(cpu.percentOfMachine(), 1));
        put(figures, "generator.systemCpuLoadPercent", round(cpu.systemLoadPercent(), 1));
        figures.put("generator.maxQueuedPolls", (long) maxQueuedPolls);
        return new Results(runId, figures, errors);
    }

    /** These figures added after the run's own, and how each stack process fared (pid and status) if known. */
    Results with(Map<String, Number> more, Map<String, String> processes) {
        Map<String, Number> all = new LinkedHashMap<>(figures);
        all.putAll(more);
        return new Results(runId, all, errorsByStatus, processes.isEmpty() ? stackProcesses : processes);
    }

    /** Each figure's median over the runs; error counts are summed, since any error matters. */
    static Results median(List<Results> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        for (String key : runs.get(0).figures().keySet()) {
            List<Number> values = new ArrayList<>();
            for (Results run : runs) {
                Number value = run.figures().get(key);
                if (value != null) {
                    values.add(value);
                }
            }
            figures.put(key, medianOf(values));
        }
        Map<String, Long> errors = new TreeMap<>();
        runs.forEach(run -> run.errorsByStatus().forEach((key, count) -> errors.merge(key, count, Long::sum)));
        // a figure some runs lack (a process ended in them) gets the median of the others; the status says so
        Map<String, String> processes = runs.stream().map(Results::stackProcesses)
                .filter(status -> status.values().stream().anyMatch(text -> !text.endsWith(" measured")))
                .findFirst().orElse(runs.get(0).stackProcesses());
        return new Results("median of " + runs.size() + " runs", figures, errors, processes);
    }

    long lost() {
        return figures.getOrDefault("signups.lost", 0).longValue();
    }

    long errors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What the exit code reports: nothing lost and no HTTP error. */
    boolean ok() {
        return lost() == 0 && errors() == 0;
    }

    double figure(String key) {
        Number value = figures.get(key);
        return value == null ? Double.NaN : value.doubleValue();
    }

    private static Number medianOf(List<Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        boolean counts = values.stream().allMatch(value -> value instanceof Long);
        return counts && median == Math.rint(median) ? (Number) (long) median : (Number) round(median, 3);
    }

    private static void putLatency(Map<String, Number> figures, String prefix, Histogram histogram,
                                   double... percentiles) {
        if (histogram.getTotalCount() == 0) {
            return;
        }
        for (double percentile : percentiles) {
            String name = "p" + (percentile == Math.rint(percentile)
                    ? String.valueOf((long) percentile)
                    : String.valueOf(percentile).replace(".", ""));
            figures.put(prefix + "." + name, millis(histogram.getValueAtPercentile(percentile)));
        }
        figures.put(prefix + ".max", millis(histogram.getMaxValue()));
        figures.put(prefix + ".mean", round(histogram.getMean() / 1_000, 3));
        figures.put(prefix + ".count", histogram.getTotalCount());
    }
}
