package dev.baton.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes the JSON result file: parameters, how each figure is measured, the summary figures and every run. */
final class ResultWriter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Map<String, String> METHOD = Map.of(
            "throughput.completedPerSecond",
            "terminal operations (COMPLETED + FAILED) / seconds from the first POST (its intended send time) to the"
                    + " last terminal state observed (throughput.seconds)",
            "throughput.sentPerSecond",
            "(sent - 1) / seconds from the first POST's intended send time to the last POST actually sent;"
                    + " below offeredPerSecond when the generator fell behind",
            "throughput.kafkaEventsPerSecond",
            Results.KAFKA_EVENTS_PER_SIGNUP + " x completedPerSecond: each signup's saga writes "
                    + Results.KAFKA_EVENTS_PER_SIGNUP + " CloudEvents to Kafka (user.create.requested,"
                    + " user.approval.requested, user.approval.decided, user.create.completed or .failed);"
                    + " computed, not counted on the topics",
            "latencyMs.endToEnd",
            "from the intended send time of the POST on the open-loop schedule to the long poll that saw the"
                    + " terminal state; HdrHistogram, microsecond resolution; lost operations are not in it",
            "latencyMs.post",
            "from the intended send time to the accepted (2xx) POST response",
            "latencyMs.sendLag",
            "how late each POST left against its schedule; large values mean the generator or the machine fell behind",
            "signups.lost",
            "accepted, but not seen in a terminal state by drainTimeout after the last POST",
            "generator",
            "CPU of the benchmark JVM over the measured phase and drain (cores = cpuSeconds / wall seconds);"
                    + " systemCpuLoadPercent is the whole machine's load averaged once a second;"
                    + " maxQueuedPolls > 0 means operations waited for a poll slot, so some terminal states were seen late",
            "stack",
            "CPU (utime + stime from /proc/<pid>/stat) of each stack process over the same window as generator:"
                    + " cpuSeconds, cpuCores = cpuSeconds / wall seconds, cpuMsPerSignup = CPU ms / terminal signups;"
                    + " the total only when every process lived through the run (see stackProcesses);"
                    + " the generator is not in it",
            "kafka",
            "baseline: before each run, as many events as the run's saga writes (4 per signup), of a real record's"
                    + " size, produced (acks=all, idempotent, linger.ms=5) and consumed once on a topic of their own;"
                    + " eventsPerSecond = consumed / seconds from the first send to the last consumed;"
                    + " ratioPercent = 100 x throughput.kafkaEventsPerSecond / baseline.eventsPerSecond");

    private ResultWriter() {
    }

    static void write(Path file, BenchmarkOptions options, StackProcesses.Found stack, List<Results> runs,
                      Results summary, Instant startedAt, Instant finishedAt) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "baton bench");
        root.put("label", options.label());
        root.put("startedAt", startedAt.toString());
        root.put("finishedAt", finishedAt.toString());
        root.put("ok", runs.stream().allMatch(Results::ok));
        root.set("parameters", parameters(options));
        root.set("environment", environment());
        root.set("method", JSON.valueToTree(new java.util.TreeMap<>(METHOD)));
        root.put("aggregation", runs.size() == 1 ? "single run" : summary.runId());
        root.set("figures", nest(summary.figures()));
        root.set("errorsByStatus", JSON.valueToTree(summary.errorsByStatus()));
        root.set("stackProcesses", stackProcesses(stack));
        ArrayNode runNodes = root.putArray("runs");
        for (Results run : runs) {
            ObjectNode node = runNodes.addObject();
            node.put("runId", run.runId());
            node.put("ok", run.ok());
            node.set("figures", nest(run.figures()));
            node.set("errorsByStatus", JSON.valueToTree(run.errorsByStatus()));
            node.set("stackProcesses", JSON.valueToTree(run.stackProcesses()));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), root);
    }

    static ObjectNode nest(Map<String, Number> figures) {
        ObjectNode root = JSON.createObjectNode();
        figures.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
            }
            node.set(parts[parts.length - 1], JSON.valueToTree(value));
        });
        return root;
    }

    /** Which processes the stack figures are of and how they were found; each run says what became of them. */
    private static ObjectNode stackProcesses(StackProcesses.Found stack) {
        ObjectNode node = JSON.createObjectNode();
        node.put("measured", !stack.isEmpty());
        node.put("how", stack.how());
        ObjectNode pids = node.putObject("pids");
        stack.processes().forEach(process -> pids.put(process.name(), process.pid()));
        if (stack.bootstrapServers() != null) {
            node.put("kafkaBootstrapServers", stack.bootstrapServers());
        }
        node.put("brokerInLauncher", stack.brokerInLauncher());
        return node;
    }

    private static ObjectNode parameters(BenchmarkOptions options) {
        ObjectNode node = JSON.createObjectNode();
        node.put("url", options.url().toString());
        node.put("rate", options.rate());
        if (options.count() > 0) {
            node.putNull("duration");
        } else {
            node.put("duration", Durations.format(options.duration()));
        }
        node.put("count", options.signupCount());
        node.put("warmup", Durations.format(options.warmup()));
        node.put("wait", Durations.format(options.waitTime()));
        node.put("drainTimeout", Durations.format(options.drainTimeout()));
        node.put("maxInflightPolls", options.maxInflightPolls());
        node.put("maxInflightPosts", options.maxInflightPosts());
        node.put("repeat", options.repeat());
        node.put("kafkaBaseline", options.kafkaBaseline());
        if (options.bootstrapServers() != null) {
            node.put("bootstrapServers", options.bootstrapServers());
        }
        if (!options.pids().isEmpty()) {
            node.set("pids", JSON.valueToTree(options.pids()));
        }
        return node;
    }

    private static ObjectNode environment() {
        ObjectNode node = JSON.createObjectNode();
        node.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        node.put("javaVersion", System.getProperty("java.version"));
        node.put("httpClient", "baton bench HttpLoop: HTTP/1.1 keep-alive, one NIO selector thread");
        return node;
    }
}
