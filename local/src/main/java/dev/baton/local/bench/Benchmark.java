package dev.baton.local.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@code baton bench}: an open-loop load test of the public signup API. Exit code 0 when every signup was accepted
 * and reached a terminal state without an HTTP error, 1 otherwise, 2 on a usage error.
 */
public final class Benchmark {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Benchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("baton bench: " + e.getMessage());
            err.println("Try 'baton bench --help'.");
            return USAGE;
        }
        if (options.help()) {
            out.print(BenchmarkOptions.USAGE);
            return OK;
        }
        try {
            if (options.isCompare()) {
                Comparison.print(out, options.compare().get(0), options.compare().get(1));
                return OK;
            }
            if (options.isDispatch()) {
                return DispatchBenchmark.measure(options, out, err);
            }
            return measure(options, out, err);
        } catch (IOException e) {
            err.println("baton bench: " + e.getMessage());
            return USAGE;
        } catch (KafkaBaseline.Failure e) {
            err.println("baton bench: kafka baseline: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("baton bench: interrupted");
            return FAILED;
        }
    }

    private static int measure(BenchmarkOptions options, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("bench-timer"));
        try (HttpLoop http = new HttpLoop(options.url())) {
            out.printf("baton bench: %s  label '%s'  rate %s/s  %s  warmup %s  wait %s  drain timeout %s%s%n",
                    options.url(), options.label(), Report.rate(options.rate()),
                    options.count() > 0 ? options.count() + " signups"
                            : Durations.format(options.duration()) + " (" + options.signupCount() + " signups)",
                    Durations.format(options.warmup()), Durations.format(options.waitTime()),
                    Durations.format(options.drainTimeout()),
                    options.repeat() > 1 ? "  repeat " + options.repeat() : "");
            String unreachable = unreachable(http, options);
            if (unreachable != null) {
                err.println("baton bench: cannot reach the API at " + options.url() + " (" + unreachable
                        + "); is the stack up (./baton up)?");
                return FAILED;
            }
            ProcFs proc = ProcFs.system();
            StackProcesses.Found stack = stackProcesses(options, proc, err);
            if (stack == null) {
                return USAGE;
            }
            out.println(describe(stack));
            long ticks = StackCpu.clockTicksPerSecond();
            StackCpu stackCpu = stack.isEmpty() ? null : new StackCpu(proc, stack.processes(), ticks);
            KafkaBaseline baseline = null;
            StackCpu brokerCpu = null;
            if (options.kafkaBaseline()) {
                String bootstrap = options.bootstrapServers() != null ? options.bootstrapServers()
                        : stack.bootstrapServers();
                if (bootstrap == null) {
                    err.println("baton bench: --kafka-baseline: the stack's Kafka is not known (" + stack.how()
                            + "); give --bootstrap-servers");
                    return USAGE;
                }
                baseline = new KafkaBaseline(bootstrap);
                brokerCpu = stack.broker(bootstrap)
                        .map(broker -> new StackCpu(proc, List.of(broker), ticks)).orElse(null);
                out.printf("kafka baseline: %s on %s, broker CPU %s%n", KafkaBaseline.TOPIC, bootstrap,
                        brokerCpu == null ? "not measured (the broker is not a process found here)"
                                : "of the launcher (pid " + stack.broker(bootstrap).get().pid() + ")");
            }
            Instant startedAt = Instant.now();
            BenchmarkRun scenario = new BenchmarkRun(options, http, timer, err, stackCpu, baseline, brokerCpu,
                    proc, stack.processes(), ticks);
            List<Results> runs = new ArrayList<>();
            int processors = Runtime.getRuntime().availableProcessors();
            for (int i = 1; i <= options.repeat(); i++) {
                Results results = scenario.run();
                runs.add(results);
                String heading = options.repeat() > 1
                        ? "run " + i + " of " + options.repeat() + " (" + results.runId() + ")"
                        : "run " + results.runId();
                Report.print(out, heading, results, processors);
            }
            Results summary = Results.median(runs);
            if (runs.size() > 1) {
                Report.print(out, "median of " + runs.size() + " runs (HTTP errors summed)", summary, processors);
            }
            ResultWriter.write(options.out(), options, stack, runs, summary, startedAt, Instant.now());
            out.println("results: " + options.out());
            drawPicture(options, scenario, out, err);
            boolean ok = runs.stream().allMatch(Results::ok);
            if (!ok) {
                err.println("baton bench: FAILED: operations were lost or HTTP errors occurred");
            }
            return ok ? OK : FAILED;
        } finally {
            timer.shutdownNow();
        }
    }

    /** A picture that cannot be drawn (no fonts on a bare JRE, say) costs the picture, not the results. */
    private static void drawPicture(BenchmarkOptions options, BenchmarkRun scenario, PrintStream out, PrintStream err) {
        Path picture = BenchmarkChart.pictureOf(options.out());
        String title = "baton bench" + (options.label().isBlank() ? "" : " '" + options.label() + "'") + ": "
                + Report.rate(options.rate()) + " signups/s offered";
        try {
            BenchmarkChart.write(picture, title, scenario.timelines());
            out.println("picture: " + picture);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            err.println("baton bench: could not draw " + picture + ": " + e);
        }
    }

    /** Null, after saying why on stderr, when --pids names a process that is not there. */
    private static StackProcesses.Found stackProcesses(BenchmarkOptions options, ProcFs proc, PrintStream err) {
        if (!options.pids().isEmpty()) {
            for (Map.Entry<String, Long> given : options.pids().entrySet()) {
                if (proc.stat(given.getValue()).isEmpty()) {
                    err.println("baton bench: --pids: no process " + given.getValue() + " (" + given.getKey() + ")");
                    return null;
                }
            }
            return StackProcesses.given(options.pids());
        }
        String host = options.url().getHost();
        if (!isThisMachine(host)) {
            return StackProcesses.Found.none("the API at " + host + " is not on this machine");
        }
        int port = options.url().getPort() == -1 ? 80 : options.url().getPort();
        return StackProcesses.find(proc, port, ProcessHandle.current().pid());
    }

    static String describe(StackProcesses.Found stack) {
        if (stack.isEmpty()) {
            return "stack CPU: not measured, " + stack.how() + " (--pids NAME=PID,... names the processes)";
        }
        return "stack CPU: " + stack.processes().stream()
                .map(process -> process.name() + " pid " + process.pid())
                .collect(Collectors.joining(", ")) + " (" + stack.how() + ")";
    }

    private static boolean isThisMachine(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Any HTTP answer will do (an unknown operation is a 404); null when the API answered, else the failure. */
    private static String unreachable(HttpLoop http, BenchmarkOptions options) throws InterruptedException {
        return http.whyUnreachable(options.url().getRawPath() + "/operations/baton-bench-probe");
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
