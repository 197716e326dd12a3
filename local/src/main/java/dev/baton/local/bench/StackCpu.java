package dev.baton.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU of the stack's processes over the measured phase, from utime+stime in /proc/<pid>/stat read at its start and
 * end. A process is known by pid and start time together, so a pid reused by a new process is not mistaken for it.
 */
final class StackCpu {

    /** What became of a process between the two readings. */
    enum Status {
        MEASURED, ENDED, REPLACED;

        String text() {
            return switch (this) {
                case MEASURED -> "measured";
                case ENDED -> "ended during the run";
                case REPLACED -> "ended, its pid now another process";
            };
        }
    }

    record ProcessUsage(String name, long pid, Status status, double cpuSeconds) {
    }

    record Usage(List<ProcessUsage> processes, double wallSeconds) {

        /** Only then is a total honest: a process that ended took its last CPU figures with it. */
        boolean complete() {
            return processes.stream().allMatch(process -> process.status() == Status.MEASURED);
        }

        double totalCpuSeconds() {
            return processes.stream().mapToDouble(ProcessUsage::cpuSeconds).sum();
        }

        /** Under {@code stack.}: per measured process and, when all were measured, the total. */
        Map<String, Number> figures(long terminalSignups) {
            Map<String, Number> figures = new LinkedHashMap<>();
            if (complete()) {
                putCpu(figures, "stack", totalCpuSeconds(), terminalSignups);
            }
            figures.put("stack.processesEnded",
                    processes.stream().filter(process -> process.status() != Status.MEASURED).count());
            for (ProcessUsage process : processes) {
                if (process.status() == Status.MEASURED) {
                    putCpu(figures, "stack." + process.name(), process.cpuSeconds(), terminalSignups);
                }
            }
            return figures;
        }

        private void putCpu(Map<String, Number> figures, String prefix, double cpuSeconds, long signups) {
            // nothing finished, nothing to divide by: the figure is left out rather than written as NaN
            if (signups > 0) {
                figures.put(prefix + ".cpuMsPerSignup", round(1000 * cpuSeconds / signups, 4));
            }
            figures.put(prefix + ".cpuSeconds", round(cpuSeconds, 3));
            if (wallSeconds > 0) {
                figures.put(prefix + ".cpuCores", round(cpuSeconds / wallSeconds, 3));
            }
        }

        Map<String, String> statusByName() {
            Map<String, String> status = new LinkedHashMap<>();
            processes.forEach(process -> status.put(process.name(),
                    "pid " + process.pid() + " " + process.status().text()));
            return status;
        }
    }

    private final ProcFs proc;
    private final List<StackProcesses.Watched> processes;
    private final long ticksPerSecond;
    private Map<String, ProcFs.Stat> before = Map.of();
    private long startNanos;

    StackCpu(ProcFs proc, List<StackProcesses.Watched> processes, long ticksPerSecond) {
        this.proc = proc;
        this.processes = List.copyOf(processes);
        this.ticksPerSecond = ticksPerSecond;
    }

    boolean isEmpty() {
        return processes.isEmpty();
    }

    synchronized void start() {
        startNanos = System.nanoTime();
        before = read();
    }

    synchronized Usage stop() {
        Map<String, ProcFs.Stat> after = read();
        return between(processes, before, after, ticksPerSecond, (System.nanoTime() - startNanos) / 1e9);
    }

    static Usage between(List<StackProcesses.Watched> processes, Map<String, ProcFs.Stat> before,
                         Map<String, ProcFs.Stat> after, long ticksPerSecond, double wallSeconds) {
        List<ProcessUsage> usages = new ArrayList<>();
        for (StackProcesses.Watched process : processes) {
            ProcFs.Stat first = before.get(process.name());
            ProcFs.Stat last = after.get(process.name());
            Status status;
            if (first == null || last == null) {
                status = Status.ENDED;
            } else if (first.startTicks() != last.startTicks()) {
                status = Status.REPLACED;
            } else {
                status = Status.MEASURED;
            }
            double seconds = status == Status.MEASURED
                    ? (double) (last.cpuTicks() - first.cpuTicks()) / ticksPerSecond : Double.NaN;
            usages.add(new ProcessUsage(process.name(), process.pid(), status, seconds));
        }
        return new Usage(usages, wallSeconds);
    }

    private Map<String, ProcFs.Stat> read() {
        Map<String, ProcFs.Stat> stats = new LinkedHashMap<>();
        for (StackProcesses.Watched process : processes) {
            proc.stat(process.pid()).ifPresent(stat -> stats.put(process.name(), stat));
        }
        return stats;
    }

    /**
     * The kernel's USER_HZ, the unit of utime and stime; asked of {@code getconf} once. It is 100 on every usual
     * Linux build, which is the fallback when getconf is missing.
     */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String text;
            try (InputStream output = getconf.getInputStream()) {
                text = new String(output.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                long ticks = Long.parseLong(text);
                if (ticks > 0) {
                    return ticks;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
