package dev.baton.local.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * CPU used by this JVM (the load generator) over the measured phase, and how busy the whole machine was meanwhile:
 * the generator shares the cores with the system under test, so its own share has to be known.
 */
final class CpuMeter {

    /**
     * {@code threadCpuSeconds} counts only the live Java threads (sending, polling, HTTP client), without the JIT
     * compiler and GC threads that {@code cpuSeconds} includes; a large gap means the JIT was still busy.
     */
    record Usage(double cpuSeconds, double threadCpuSeconds, double wallSeconds, double cores,
                 double percentOfMachine, double systemLoadPercent) {
    }

    private final com.sun.management.OperatingSystemMXBean os;
    private final int processors = Runtime.getRuntime().availableProcessors();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long startCpuNanos;
    private long startThreadCpuNanos;
    private long startWallNanos;
    private double systemLoadSum;
    private int systemLoadSamples;

    CpuMeter() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
    }

    synchronized void start() {
        startWallNanos = System.nanoTime();
        startCpuNanos = processCpuNanos();
        startThreadCpuNanos = threadCpuNanos();
        systemLoadSum = 0;
        systemLoadSamples = 0;
        // the first reading covers the time since the previous call, which is not ours
        if (os != null) {
            os.getCpuLoad();
        }
    }

    /** Called about once a second while the measured phase runs. */
    synchronized void sample() {
        if (os == null) {
            return;
        }
        double load = os.getCpuLoad();
        if (load >= 0) {
            systemLoadSum += load;
            systemLoadSamples++;
        }
    }

    synchronized Usage stop() {
        double wall = (System.nanoTime() - startWallNanos) / 1e9;
        long cpuNanos = processCpuNanos();
        double cpu = cpuNanos < 0 || startCpuNanos < 0 ? Double.NaN : (cpuNanos - startCpuNanos) / 1e9;
        long threadNanos = threadCpuNanos();
        double threadCpu = threadNanos < 0 || startThreadCpuNanos < 0 ? Double.NaN
                : (threadNanos - startThreadCpuNanos) / 1e9;
        double cores = wall > 0 ? cpu / wall : Double.NaN;
        double systemLoad = systemLoadSamples > 0 ? 100 * systemLoadSum / systemLoadSamples : Double.NaN;
        return new Usage(cpu, threadCpu, wall, cores, 100 * cores / processors, systemLoad);
    }

    int processors() {
        return processors;
    }

    /** Threads that die in between drop out of the sum; the benchmark's own threads live for the whole run. */
    private long threadCpuNanos() {
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return -1;
        }
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos > 0) {
                total += nanos;
            }
        }
        return total;
    }

    private long processCpuNanos() {
        return os == null ? -1 : os.getProcessCpuTime();
    }
}
