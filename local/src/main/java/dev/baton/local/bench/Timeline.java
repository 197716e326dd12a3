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
    private final List<Minute> minutes = new ArrayList<>();
    private long measureStartNanos = -1;
    private long measureEndNanos = -1;

    /** One minute of the measured phase: what finished in it, its latency histogram and the stack's CPU. */
    private static final class Minute {
        final Histogram latency = new Histogram(Figures.HIGHEST_MICROS, 3);
        long done;
        double cpuSeconds;
    }

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
    void sample(String phase, List<Measurements> phases) {
        sample(phase, phases, System.nanoTime());
    }

    synchronized void sample(String phase, List<Measurements> phases, long now) {
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
        addToMinute(phase, now, done - lastDone, recent, ticks);
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

    private void addToMinute(String phase, long now, long done, Histogram recent, Map<String, Long> ticks) {
        if (!"measure".equals(phase)) {
            if (measureStartNanos >= 0 && measureEndNanos < 0) {
                measureEndNanos = now;
            }
            return;
        }
        if (measureStartNanos < 0) {
            measureStartNanos = now;
            return;
        }
        int index = (int) ((now - measureStartNanos - 1) / 60_000_000_000L);
        while (minutes.size() <= index) {
            minutes.add(new Minute());
        }
        Minute minute = minutes.get(index);
        minute.done += done;
        minute.latency.add(recent);
        ticks.forEach((name, value) -> {
            Long before = lastTicks.get(name);
            if (before != null && value >= before) {
                minute.cpuSeconds += (value - before) / (double) ticksPerSecond;
            }
        });
    }

    /**
     * Whether cost grows with the work done: the first and the last whole minute of the measured phase,
     * their CPU per finished signup (all stack processes) and p99, and the ratios last/first. Empty for
     * runs of less than three whole minutes or without the stack's processes.
     */
    synchronized Map<String, Number> drift() {
        long end = measureEndNanos >= 0 ? measureEndNanos : lastNanos;
        int whole = measureStartNanos < 0 ? 0 : (int) Math.min(minutes.size(), (end - measureStartNanos) / 60_000_000_000L);
        if (whole < 3 || processes.isEmpty()) {
            return Map.of();
        }
        Minute first = minutes.get(0);
        Minute last = minutes.get(whole - 1);
        if (first.done == 0 || last.done == 0) {
            return Map.of();
        }
        double firstCpu = 1000 * first.cpuSeconds / first.done;
        double lastCpu = 1000 * last.cpuSeconds / last.done;
        double firstP99 = first.latency.getValueAtPercentile(99) / 1000.0;
        double lastP99 = last.latency.getValueAtPercentile(99) / 1000.0;
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("drift.wholeMinutes", whole);
        figures.put("drift.firstMinute.completedPerSecond", Figures.round(first.done / 60.0, 2));
        figures.put("drift.lastMinute.completedPerSecond", Figures.round(last.done / 60.0, 2));
        figures.put("drift.firstMinute.cpuMsPerSignup", Figures.round(firstCpu, 3));
        figures.put("drift.lastMinute.cpuMsPerSignup", Figures.round(lastCpu, 3));
        figures.put("drift.firstMinute.p99Ms", Figures.round(firstP99, 1));
        figures.put("drift.lastMinute.p99Ms", Figures.round(lastP99, 1));
        figures.put("drift.cpuRatio", Figures.round(lastCpu / firstCpu, 3));
        figures.put("drift.p99Ratio", Figures.round(lastP99 / Math.max(firstP99, 1e-3), 3));
        return figures;
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
