package dev.baton.local.bench;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code --dispatch} scenario: the setup (operation only, not measured), the warmup at the rate, the measured
 * events on the same schedule without a gap, then the drain until every event is answered or the drain timeout
 * after the last send has passed. The function's CPU is read over the measured phase and the drain.
 */
final class DispatchRun {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BenchmarkOptions options;
    private final HttpLoop http;
    private final ScheduledExecutorService timer;
    private final PrintStream err;
    private final StackCpu functionCpu;
    private final boolean sagaRuns;
    private final LoadGenerator generator = new LoadGenerator(LoadGenerator.SYSTEM_CLOCK);

    /**
     * @param functionCpu the function's process, or null when it was not found
     * @param sagaRuns    whether the stack's local delivery is on, so its saga runs beside the benchmark
     */
    DispatchRun(BenchmarkOptions options, HttpLoop http, ScheduledExecutorService timer, PrintStream err,
                StackCpu functionCpu, boolean sagaRuns) {
        this.options = options;
        this.http = http;
        this.timer = timer;
        this.err = err;
        this.functionCpu = functionCpu;
        this.sagaRuns = sagaRuns;
    }

    /** Units of the schedule: events, or for the user function signups of two events each. */
    static double unitRate(BenchmarkOptions options) {
        return options.rate() / ("user".equals(options.dispatch()) ? 2 : 1);
    }

    static long measuredUnits(BenchmarkOptions options) {
        return options.count() > 0
                ? Math.max(1, options.count() / ("user".equals(options.dispatch()) ? 2 : 1))
                : OpenLoopSchedule.forDuration(unitRate(options), options.duration()).count();
    }

    Results run() throws InterruptedException, OperationSetup.Failure {
        String runId = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(RANDOM.nextInt(36 * 36), 36);
        OpenLoopSchedule warmupSchedule = OpenLoopSchedule.forDuration(unitRate(options), options.warmup());
        OpenLoopSchedule measuredSchedule = new OpenLoopSchedule(unitRate(options), measuredUnits(options));
        DispatchWorkload workload = workload(runId, warmupSchedule.count() + measuredSchedule.count());
        DispatchMeasurements warmup = new DispatchMeasurements();
        DispatchMeasurements measured = new DispatchMeasurements();
        Semaphore window = new Semaphore(options.concurrency());
        String path = options.url().getRawPath() + "/";
        long timeoutNanos = options.drainTimeout().toNanos();
        CpuMeter cpu = new CpuMeter();
        AtomicBoolean measuring = new AtomicBoolean();
        Progress progress = new Progress(System.nanoTime());
        ScheduledFuture<?> ticker = timer.scheduleAtFixedRate(() -> {
            if (measuring.get()) {
                cpu.sample();
            }
            if (options.progress()) {
                progress.print();
            }
        }, 1, 1, TimeUnit.SECONDS);
        CpuMeter.Usage usage;
        StackCpu.Usage functionUsage = null;
        try {
            long startNanos = System.nanoTime();
            progress.phase("warmup", warmup);
            generator.run(warmupSchedule, startNanos,
                    new DispatchSender(http, path, workload, warmup, window, 0, timeoutNanos));
            cpu.start();
            if (functionCpu != null) {
                functionCpu.start();
            }
            measuring.set(true);
            progress.phase("measure", measured);
            generator.run(measuredSchedule, startNanos + warmupSchedule.lengthNanos(),
                    new DispatchSender(http, path, workload, measured, window, warmupSchedule.count(), timeoutNanos));
            long deadline = System.nanoTime() + timeoutNanos;
            progress.phase("drain", measured);
            while (measured.openUnits() > 0 && deadline - System.nanoTime() > 0) {
                Thread.sleep(5);
            }
            usage = cpu.stop();
            if (functionCpu != null) {
                functionUsage = functionCpu.stop();
            }
        } finally {
            ticker.cancel(false);
        }
        return DispatchResults.of(runId, measured, workload, options.rate(), options.concurrency(), usage,
                functionUsage);
    }

    private DispatchWorkload workload(String runId, long units) throws InterruptedException, OperationSetup.Failure {
        return switch (options.dispatch()) {
            case "approval" -> DispatchWorkload.approval(runId);
            case "user" -> DispatchWorkload.user(runId);
            default -> {
                List<OperationSetup.Created> operations =
                        new OperationSetup(http, options.url(), options.concurrency(), err).create(runId, units, sagaRuns);
                yield DispatchWorkload.operation(operations);
            }
        };
    }

    /** The once-a-second progress line on stderr. */
    private final class Progress {
        private final long startNanos;
        private volatile String phase = "start";
        private volatile DispatchMeasurements current;
        private DispatchMeasurements previous;
        private long previousAccepted;
        private long previousNanos;

        Progress(long startNanos) {
            this.startNanos = startNanos;
            this.previousNanos = startNanos;
        }

        void phase(String name, DispatchMeasurements measurements) {
            phase = name;
            current = measurements;
        }

        void print() {
            DispatchMeasurements measurements = current;
            if (measurements == null) {
                return;
            }
            if (measurements != previous) {
                previous = measurements;
                previousAccepted = 0;
            }
            long now = System.nanoTime();
            long accepted = measurements.accepted();
            err.printf("[bench] %-7s %6.1fs  sent %d  accepted %d  rejected %d  failed %d  no answer %d"
                            + "  in flight %d  accepted %.0f/s%n",
                    phase, (now - startNanos) / 1e9, measurements.sent(), accepted, measurements.rejected(),
                    measurements.failed(), measurements.noAnswer(), measurements.inFlight(),
                    (accepted - previousAccepted) / Math.max(1e-3, (now - previousNanos) / 1e9));
            previousAccepted = accepted;
            previousNanos = now;
        }
    }
}
