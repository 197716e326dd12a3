package dev.baton.local.bench;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One scenario: warmup at the rate, then the measured signups on the same schedule without a gap, then the drain
 * until every measured operation is terminal or the drain timeout after the last POST has passed.
 */
final class BenchmarkRun {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BenchmarkOptions options;
    private final HttpLoop http;
    private final ScheduledExecutorService timer;
    private final PrintStream err;
    private final LoadGenerator generator = new LoadGenerator(LoadGenerator.SYSTEM_CLOCK);
    private final StackCpu stackCpu;
    private final KafkaBaseline baseline;
    private final StackCpu brokerCpu;
    private final ProcFs proc;
    private final List<StackProcesses.Watched> processes;
    private final long ticksPerSecond;
    private final List<List<Timeline.Point>> timelines = new ArrayList<>();

    /**
     * @param stackCpu  the stack's processes, or null when none were found
     * @param baseline  the Kafka baseline to run first, or null
     * @param brokerCpu the broker's process during the baseline, or null when it is not known
     * @param processes the stack's processes whose CPU the timeline draws second by second; empty for none
     */
    BenchmarkRun(BenchmarkOptions options, HttpLoop http, ScheduledExecutorService timer, PrintStream err,
                 StackCpu stackCpu, KafkaBaseline baseline, StackCpu brokerCpu,
                 ProcFs proc, List<StackProcesses.Watched> processes, long ticksPerSecond) {
        this.proc = proc;
        this.processes = List.copyOf(processes);
        this.ticksPerSecond = ticksPerSecond;
        this.options = options;
        this.http = http;
        this.timer = timer;
        this.err = err;
        this.stackCpu = stackCpu;
        this.baseline = baseline;
        this.brokerCpu = brokerCpu;
    }

    Results run() throws InterruptedException {
        KafkaBaseline.Result kafka = null;
        if (baseline != null) {
            long events = Results.KAFKA_EVENTS_PER_SIGNUP * options.signupCount();
            err.printf("[bench] kafka baseline: producing and consuming %d events on %s%n", events,
                    KafkaBaseline.TOPIC);
            kafka = baseline.run(events, brokerCpu);
        }
        String runId = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(RANDOM.nextInt(36 * 36), 36);
        Measurements warmup = new Measurements();
        Measurements measured = new Measurements();
        OperationWatcher watcher = new OperationWatcher(http, timer, options.waitTime(), options.maxInflightPolls());
        Semaphore postSlots = new Semaphore(options.maxInflightPosts());
        OpenLoopSchedule warmupSchedule = OpenLoopSchedule.forDuration(options.rate(), options.warmup());
        OpenLoopSchedule measuredSchedule = new OpenLoopSchedule(options.rate(), options.signupCount());
        CpuMeter cpu = new CpuMeter();
        long startNanos = System.nanoTime();
        ProgressPrinter progress = new ProgressPrinter(err, watcher, startNanos);
        Timeline timeline = new Timeline(startNanos, proc, processes, ticksPerSecond);
        List<Measurements> phases = List.of(warmup, measured);
        AtomicReference<String> phase = new AtomicReference<>("warmup");
        // only the measured phase's machine load is averaged, not the warmup's
        AtomicBoolean measuring = new AtomicBoolean();
        ScheduledFuture<?> ticker = timer.scheduleAtFixedRate(() -> {
            if (measuring.get()) {
                cpu.sample();
            }
            if (options.progress()) {
                progress.print();
            }
            timeline.sample(phase.get(), phases);
        }, 1, 1, TimeUnit.SECONDS);
        CpuMeter.Usage usage;
        StackCpu.Usage stackUsage = null;
        try {
            progress.phase("warmup", warmup);
            generator.run(warmupSchedule, startNanos,
                    sender("bench-" + runId + "-w", warmup, watcher, postSlots));
            cpu.start();
            if (stackCpu != null) {
                stackCpu.start();
            }
            measuring.set(true);
            phase.set("measure");
            progress.phase("measure", measured);
            generator.run(measuredSchedule, startNanos + warmupSchedule.lengthNanos(),
                    sender("bench-" + runId + "-", measured, watcher, postSlots));
            long deadline = System.nanoTime() + options.drainTimeout().toNanos();
            watcher.setDeadline(deadline);
            phase.set("drain");
            progress.phase("drain", measured);
            while (measured.unfinished() > 0 && deadline - System.nanoTime() > 0) {
                // the end is timed by the callbacks themselves; this only decides when to stop looking
                Thread.sleep(10);
            }
            usage = cpu.stop();
            if (stackCpu != null) {
                stackUsage = stackCpu.stop();
            }
        } finally {
            ticker.cancel(false);
            watcher.stop();
        }
        timeline.sample(phase.get(), phases);
        timelines.add(timeline.points());
        Results results = Results.of(runId, measured, options.rate(), usage, watcher.maxQueued());
        if (stackUsage != null) {
            results = results.with(stackUsage.figures(measured.terminal()), stackUsage.statusByName());
        }
        if (kafka != null) {
            results = results.with(kafka.figures(results.figure("throughput.kafkaEventsPerSecond")), Map.of());
        }
        return results.with(timeline.drift(), Map.of());
    }

    /** Every run's timeline so far, in order. */
    List<List<Timeline.Point>> timelines() {
        return List.copyOf(timelines);
    }

    private SignupSender sender(String namePrefix, Measurements measurements, OperationWatcher watcher,
                                Semaphore postSlots) {
        return new SignupSender(http, options.url(), namePrefix, measurements, watcher, postSlots,
                options.drainTimeout().toNanos());
    }
}
