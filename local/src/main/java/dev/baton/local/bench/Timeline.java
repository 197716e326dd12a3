package dev.baton.local.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run second by second, for the picture: signups sent and finished per second, the end-to-end latency
 * percentiles of the signups that finished in that second, and the CPU of each stack process. Sampled from
 * the benchmark's once-a-second timer thread only.
 */
final class Timeline {

    /**
     * One sample.
     *
     * @param seconds   since the run started
     * @param phase     warmup, measure or drain
     * @param p50Ms     of the signups that finished since the sample before; NaN when none did
     * @param cpuCores  per stack process, CPU seconds per second since the sample before
     */
    record Point(double seconds, String phase, double sentPerSecond, double donePerSecond, double p50Ms, double p99Ms,
                 Map<String, Double> cpuCores) {
    }

    private final long startNanos;
    private final ProcFs proc;
    private final List<StackProcesses.Watched> processes;
    private final long ticksPerSecond;
    private final List<Point> points = new ArrayList<>();
    private final Map<String, Long> lastTicks = new LinkedHashMap<>();
    private long lastNanos;
    private long lastSent;
    private long lastDone;

    /** @param processes the stack processes whose CPU is drawn; empty for none */
    Timeline(long startNanos, ProcFs proc, List<StackProcesses.Watched> processes, long ticksPerSecond) {
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
        this.proc = proc;
        this.processes = List.copyOf(processes);
        this.ticksPerSecond = ticksPerSecond;
        readTicks(lastTicks);
    }

    /** @param phases every phase's measurements so far (warmup and measured), whose counts are added up */
    synchronized void sample(String phase, List<Measurements> phases) {
        long now = System.nanoTime();
        double interval = Math.max(1e-3, (now - lastNanos) / 1e9);
        long sent = 0;
        long done = 0;
        Histogram recent = new Histogram(Figures.HIGHEST_MICROS, 3);
        for (Measurements measurements : phases) {
            Measurements.Counts counts = measurements.counts();
            sent += counts.sent();
            done += counts.completed() + counts.failed();
            recent.add(measurements.takeRecentEndToEnd());
        }
        Map<String, Long> ticks = new LinkedHashMap<>();
        readTicks(ticks);
        Map<String, Double> cores = new LinkedHashMap<>();
        ticks.forEach((name, value) -> {
            Long before = lastTicks.get(name);
            if (before != null && value >= before) {
                cores.put(name, (value - before) / (double) ticksPerSecond / interval);
            }
        });
        boolean none = recent.getTotalCount() == 0;
        points.add(new Point((now - startNanos) / 1e9, phase, (sent - lastSent) / interval, (done - lastDone) / interval,
                none ? Double.NaN : recent.getValueAtPercentile(50) / 1000.0,
                none ? Double.NaN : recent.getValueAtPercentile(99) / 1000.0, cores));
        lastTicks.clear();
        lastTicks.putAll(ticks);
        lastNanos = now;
        lastSent = sent;
        lastDone = done;
    }

    synchronized List<Point> points() {
        return List.copyOf(points);
    }

    private void readTicks(Map<String, Long> into) {
        for (StackProcesses.Watched process : processes) {
            proc.stat(process.pid()).ifPresent(stat -> into.put(process.name(), stat.cpuTicks()));
        }
    }
}
