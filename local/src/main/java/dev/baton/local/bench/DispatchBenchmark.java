package dev.baton.local.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code baton bench --dispatch FUNCTION}: the Knative path of one function. POSTs binary-mode CloudEvents to its
 * {@code POST /} as a KafkaSource's dispatcher does, and measures the events per second, the latency and the CPU per
 * event of that function's process alone.
 */
final class DispatchBenchmark {

    private DispatchBenchmark() {
    }

    /** What was found about the function's process before the first run. */
    record Target(StackProcesses.Watched process, String how, Boolean localDelivery) {
    }

    static int measure(BenchmarkOptions options, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-timer");
            thread.setDaemon(true);
            return thread;
        });
        try (HttpLoop http = new HttpLoop(options.url())) {
            out.printf("baton bench --dispatch %s: POST %s/  label '%s'  rate %s events/s  %s  warmup %s"
                            + "  concurrency %d%s%n",
                    options.dispatch(), options.url(), options.label(), Report.rate(options.rate()),
                    options.count() > 0 ? options.count() + " events" : Durations.format(options.duration()),
                    Durations.format(options.warmup()), options.concurrency(),
                    options.repeat() > 1 ? "  repeat " + options.repeat() : "");
            String unreachable = unreachable(http, options);
            if (unreachable != null) {
                err.println("baton bench: cannot reach the " + options.dispatch() + " function at " + options.url()
                        + " (" + unreachable + "); is the stack up (./baton up)?");
                return Benchmark.FAILED;
            }
            ProcFs proc = ProcFs.system();
            Target target = target(options, proc);
            if (target.process() != null && !target.process().name().equals(options.dispatch())) {
                err.println("baton bench: --dispatch " + options.dispatch() + ": port " + port(options)
                        + " is served by baton-" + target.process().name() + ".jar (pid " + target.process().pid()
                        + "); give the " + options.dispatch() + " function's --url");
                return Benchmark.USAGE;
            }
            out.println(describe(target));
            boolean sagaRuns = !Boolean.FALSE.equals(target.localDelivery());
            if (sagaRuns) {
                out.println(sagaNote(options.dispatch(), target.localDelivery()));
            }
            StackCpu cpu = target.process() == null ? null
                    : new StackCpu(proc, List.of(target.process()), StackCpu.clockTicksPerSecond());
            Instant startedAt = Instant.now();
            DispatchRun scenario = new DispatchRun(options, http, timer, err, cpu, sagaRuns);
            List<Results> runs = new ArrayList<>();
            for (int i = 1; i <= options.repeat(); i++) {
                Results results = scenario.run();
                runs.add(results);
                DispatchReport.print(out, options.repeat() > 1
                        ? "run " + i + " of " + options.repeat() + " (" + results.runId() + ")"
                        : "run " + results.runId(), options.dispatch(), results);
            }
            Results summary = Results.median(runs);
            if (runs.size() > 1) {
                DispatchReport.print(out, "median of " + runs.size() + " runs (HTTP errors summed)",
                        options.dispatch(), summary);
            }
            DispatchResultWriter.write(options.out(), options, target, runs, summary, startedAt, Instant.now());
            out.println("results: " + options.out());
            boolean ok = runs.stream().allMatch(Results::ok);
            if (!ok) {
                err.println("baton bench: FAILED: events were not accepted (rejected, failed or unanswered)");
            }
            return ok ? Benchmark.OK : Benchmark.FAILED;
        } catch (OperationSetup.Failure e) {
            err.println("baton bench: " + e.getMessage());
            return Benchmark.FAILED;
        } finally {
            timer.shutdownNow();
        }
    }

    /** The process by --pids (the one named), else the function jar whose PORT is the --url port. */
    static Target target(BenchmarkOptions options, ProcFs proc) {
        Optional<StackProcesses.Watched> process;
        String how;
        if (!options.pids().isEmpty()) {
            Map.Entry<String, Long> given = options.pids().entrySet().iterator().next();
            process = proc.stat(given.getValue()).isPresent()
                    ? Optional.of(new StackProcesses.Watched(options.dispatch(), given.getValue())) : Optional.empty();
            how = process.isPresent() ? "--pids" : "--pids: no process " + given.getValue();
        } else {
            process = StackProcesses.functionOnPort(proc, port(options), ProcessHandle.current().pid());
            how = process.isPresent() ? "the baton-" + process.get().name() + ".jar with PORT=" + port(options)
                    : "no baton-*.jar process with PORT=" + port(options) + " here";
        }
        Boolean localDelivery = process.map(watched -> proc.environ(watched.pid()).get("BATON_LOCAL_DELIVERY_ENABLED"))
                .map(Boolean::parseBoolean).orElse(null);
        return new Target(process.orElse(null), how, localDelivery);
    }

    static String describe(Target target) {
        if (target.process() == null) {
            return "function CPU: not measured, " + target.how() + " (--pids NAME=PID names the process)";
        }
        return "function CPU: " + target.process().name() + " pid " + target.process().pid() + " (" + target.how()
                + "), local delivery " + (target.localDelivery() == null ? "unknown"
                : target.localDelivery() ? "on" : "off");
    }

    /** What else lands on the measured process while the stack's own saga runs beside the benchmark. */
    static String sagaNote(String function, Boolean localDelivery) {
        String why = localDelivery == null ? "local delivery may be on (not known)" : "local delivery is on";
        String what = switch (function) {
            case "user" -> "the approval function also decides every approval request the user function publishes,"
                    + " and that decision reaches the user process over Kafka: a duplicate decision per signup that"
                    + " is in the CPU but not in the event count";
            case "operation" -> "the saga completes the setup's operations itself first, so the measured completions"
                    + " are duplicates (first result wins: an update that matches nothing and a lookup)";
            default -> "the approval function's own consumer finds nothing to do (only the user function feeds it),"
                    + " so this run is unaffected";
        };
        return "NOTE: " + why + ": " + what + ". For the Knative figure start the stack with"
                + " BATON_LOCAL_DELIVERY_ENABLED=false.";
    }

    private static int port(BenchmarkOptions options) {
        return options.url().getPort() == -1 ? 80 : options.url().getPort();
    }

    /** Any HTTP answer will do. */
    private static String unreachable(HttpLoop http, BenchmarkOptions options) throws InterruptedException {
        return http.whyUnreachable(options.url().getRawPath() + "/health");
    }
}
