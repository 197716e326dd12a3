package dev.baton.local.bench;

import static dev.baton.local.bench.Figures.millis;
import static dev.baton.local.bench.Figures.put;
import static dev.baton.local.bench.Figures.round;
import static dev.baton.local.bench.Figures.seconds;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one {@code --dispatch} run, as a {@link Results} so that medians and --compare work as for signups. */
final class DispatchResults {

    private DispatchResults() {
    }

    /**
     * @param offeredEventsPerSecond the --rate
     * @param function               the function process's CPU over the window, or null when not measured
     */
    static Results of(String runId, DispatchMeasurements measured, DispatchWorkload workload,
                      double offeredEventsPerSecond, int concurrency, CpuMeter.Usage generator,
                      StackCpu.Usage function) {
        Map<String, Long> errors = measured.errorsByStatus();
        long unanswered = measured.sent() - measured.accepted() - measured.rejected() - measured.failed()
                - measured.noAnswer();
        if (unanswered > 0) {
            errors.merge("POST no-response", unanswered, Long::sum);
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("events.sent", measured.sent());
        figures.put("events.accepted", measured.accepted());
        figures.put("events.rejected", measured.rejected());
        figures.put("events.failed", measured.failed());
        figures.put("events.noAnswer", measured.noAnswer() + Math.max(0, unanswered));
        figures.put("httpErrors.total", errors.values().stream().mapToLong(Long::longValue).sum());

        double sendSeconds = seconds(measured.firstIntendedNanos(), measured.lastSendNanos());
        double seconds = measured.accepted() == 0 ? Double.NaN
                : seconds(measured.firstIntendedNanos(), measured.lastAnswerNanos());
        figures.put("throughput.offeredPerSecond", round(offeredEventsPerSecond, 2));
        put(figures, "throughput.sentPerSecond",
                round(workload.eventsPerUnit() * (measured.unitsSent() - 1) / sendSeconds, 2));
        put(figures, "throughput.eventsPerSecond", round(measured.accepted() / seconds, 2));
        put(figures, "throughput.seconds", round(seconds, 3));

        putLatency(figures, "latencyMs.event", measured.latency());
        if (measured.latencyByType().size() > 1) {
            measured.latencyByType().forEach((type, histogram) ->
                    putLatency(figures, "latencyMs." + type.replace('.', '-'), histogram));
        }
        putLatency(figures, "latencyMs.sendLag", measured.sendLag());

        put(figures, "generator.cpuSeconds", round(generator.cpuSeconds(), 3));
        put(figures, "generator.cpuUsPerEvent", round(1e6 * generator.cpuSeconds() / measured.accepted(), 1));
        put(figures, "generator.cpuCores", round(generator.cores(), 3));
        put(figures, "generator.systemCpuLoadPercent", round(generator.systemLoadPercent(), 1));
        figures.put("dispatch.concurrency", (long) concurrency);
        figures.put("dispatch.maxInFlight", (long) measured.maxInFlight());

        Map<String, String> processes = Map.of();
        if (function != null) {
            StackCpu.ProcessUsage process = function.processes().get(0);
            processes = function.statusByName();
            if (process.status() == StackCpu.Status.MEASURED) {
                figures.put("function.eventsCounted", measured.accepted());
                put(figures, "function.cpuUsPerEvent", round(1e6 * process.cpuSeconds() / measured.accepted(), 1));
                figures.put("function.cpuSeconds", round(process.cpuSeconds(), 3));
                put(figures, "function.cpuCores", round(process.cpuSeconds() / function.wallSeconds(), 3));
            }
        }
        return new Results(runId, figures, errors, processes);
    }

    private static void putLatency(Map<String, Number> figures, String prefix, Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return;
        }
        figures.put(prefix + ".p50", millis(histogram.getValueAtPercentile(50)));
        figures.put(prefix + ".p90", millis(histogram.getValueAtPercentile(90)));
        figures.put(prefix + ".p99", millis(histogram.getValueAtPercentile(99)));
        figures.put(prefix + ".p999", millis(histogram.getValueAtPercentile(99.9)));
        figures.put(prefix + ".max", millis(histogram.getMaxValue()));
        figures.put(prefix + ".mean", round(histogram.getMean() / 1_000, 3));
        figures.put(prefix + ".count", histogram.getTotalCount());
    }
}
