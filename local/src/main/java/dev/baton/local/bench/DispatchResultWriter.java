package dev.baton.local.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON result file of {@code --dispatch}: the same layout as the signup scenario's, with its own figures. */
final class DispatchResultWriter {

    private static final Map<String, String> METHOD = Map.of(
            "events",
            "binary-mode CloudEvents POSTed to the function's POST /: accepted = 2xx, rejected = 4xx (a dispatcher"
                    + " dead-letters it), failed = other statuses (retried by a dispatcher, not here), noAnswer ="
                    + " timeout or connection failure",
            "throughput.eventsPerSecond",
            "accepted events / seconds from the first event's intended send time to the last answer",
            "latencyMs",
            "from an event's intended send time on the open-loop schedule to its 2xx answer; an event sent because"
                    + " the one before it in its unit was accepted (the user's decision after its request) from its"
                    + " send time; HdrHistogram, microsecond resolution",
            "function",
            "CPU (utime + stime from /proc/<pid>/stat) of the one function process serving the --url port over the"
                    + " measured phase and the drain; cpuUsPerEvent = CPU µs / accepted events; with local delivery"
                    + " on, work the stack's own saga delivers to that process is in the CPU but not in the count",
            "dispatch",
            "concurrency = most units (events, or a user signup's two) in flight at once, like a KafkaSource's"
                    + " unordered in-flight window; maxInFlight = most events in flight seen",
            "generator",
            "CPU of the benchmark JVM over the same window; cpuUsPerEvent per accepted event");

    private DispatchResultWriter() {
    }

    static void write(Path file, BenchmarkOptions options, DispatchBenchmark.Target target, List<Results> runs,
                      Results summary, Instant startedAt, Instant finishedAt) throws IOException {
        ObjectNode root = ResultWriter.JSON.createObjectNode();
        root.put("tool", "baton bench --dispatch");
        root.put("function", options.dispatch());
        root.put("label", options.label());
        root.put("startedAt", startedAt.toString());
        root.put("finishedAt", finishedAt.toString());
        root.put("ok", runs.stream().allMatch(Results::ok));
        root.set("parameters", parameters(options));
        ObjectNode environment = root.putObject("environment");
        environment.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        environment.put("javaVersion", System.getProperty("java.version"));
        root.set("method", ResultWriter.JSON.valueToTree(new TreeMap<>(METHOD)));
        root.put("aggregation", runs.size() == 1 ? "single run" : summary.runId());
        root.set("figures", ResultWriter.nest(summary.figures()));
        root.set("errorsByStatus", ResultWriter.JSON.valueToTree(summary.errorsByStatus()));
        ObjectNode process = root.putObject("functionProcess");
        process.put("measured", target.process() != null);
        process.put("how", target.how());
        if (target.process() != null) {
            process.put("pid", target.process().pid());
        }
        if (target.localDelivery() == null) {
            process.putNull("localDelivery");
        } else {
            process.put("localDelivery", target.localDelivery());
        }
        ArrayNode runNodes = root.putArray("runs");
        for (Results run : runs) {
            ObjectNode node = runNodes.addObject();
            node.put("runId", run.runId());
            node.put("ok", run.ok());
            node.set("figures", ResultWriter.nest(run.figures()));
            node.set("errorsByStatus", ResultWriter.JSON.valueToTree(run.errorsByStatus()));
            node.set("functionProcess", ResultWriter.JSON.valueToTree(run.stackProcesses()));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ResultWriter.JSON.writeValue(file.toFile(), root);
    }

    private static ObjectNode parameters(BenchmarkOptions options) {
        ObjectNode node = ResultWriter.JSON.createObjectNode();
        node.put("dispatch", options.dispatch());
        node.put("url", options.url().toString());
        node.put("rate", options.rate());
        if (options.count() > 0) {
            node.putNull("duration");
            node.put("count", options.count());
        } else {
            node.put("duration", Durations.format(options.duration()));
        }
        node.put("warmup", Durations.format(options.warmup()));
        node.put("concurrency", options.concurrency());
        node.put("drainTimeout", Durations.format(options.drainTimeout()));
        node.put("repeat", options.repeat());
        if (!options.pids().isEmpty()) {
            node.set("pids", ResultWriter.JSON.valueToTree(options.pids()));
        }
        return node;
    }
}
