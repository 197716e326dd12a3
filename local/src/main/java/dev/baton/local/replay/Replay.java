package dev.baton.local.replay;

import dev.baton.eventing.contract.BatonFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./baton replay} and {@code kn baton replay}: select records of a Baton topic or dead-letter
 * topic, list them (--dry-run), or send them again as the CloudEvents they are, to a function's URL or
 * a topic; redrive dead letters to where they came from; reset a function's consumer group; rebuild a
 * function's MongoDB view from the events.
 * Safe to repeat: every event keeps its id, and every handler recognises an id it has seen.
 */
public final class Replay {
    static final Set<String> KAFKA = Set.of("bootstrap-servers", "security-protocol", "sasl-mechanism", "sasl-jaas-config");
    static final Set<String> FILTERS = Set.of("partition", "from-offset", "to-offset", "since", "until", "type", "operation", "limit");
    static final Set<String> SEND = Set.of("from", "redrive", "to-url", "to-topic", "concurrency", "rate", "retries", "backoff-ms",
            "on-4xx", "progress-ms");
    static final Set<String> RESET = Set.of("function", "topic", "partition", "to-time", "to-offset");

    private Replay() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns its exit code (see {@link ReplayException}), printing errors to {@code err}. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0)) || args.contains("--help")) {
                out.print(Usage.TEXT);
                return 0;
            }
            return switch (args.get(0)) {
                case "reset" -> reset(args.subList(1, args.size()), env, out);
                case "rebuild" -> Rebuild.run(args.subList(1, args.size()), env, out, err);
                default -> send(args, env, out, err);
            };
        } catch (ReplayException e) {
            err.println("baton replay: " + e.getMessage());
            if (e.exitCode() == ReplayException.USAGE) {
                err.println("  (./baton replay --help lists the options)");
            }
            return e.exitCode();
        }
    }

    private static int send(List<String> argList, Map<String, String> env, PrintStream out, PrintStream err) {
        Args args = Args.parse(argList, union(KAFKA, FILTERS, SEND), Set.of("dry-run"));
        List<String> positional = args.positional();
        if (positional.size() > 1) {
            throw ReplayException.usage("one topic at a time; got " + positional);
        }
        String from = args.get("from") != null ? args.get("from") : positional.isEmpty() ? null : positional.get(0);
        String redrive = args.get("redrive");
        if ((from == null) == (redrive == null)) {
            throw ReplayException.usage("name the records' topic: --from TOPIC (or TOPIC), or --redrive TOPIC.dlq");
        }
        if (redrive != null && !redrive.endsWith(".dlq")) {
            throw ReplayException.usage("--redrive takes a dead-letter topic, <topic>.dlq, not " + redrive);
        }
        boolean dryRun = args.has("dry-run");
        String toUrl = args.get("to-url");
        String toTopic = args.get("to-topic");
        int targets = (dryRun ? 1 : 0) + (toUrl == null ? 0 : 1) + (toTopic == null ? 0 : 1);
        if (redrive != null && toTopic != null) {
            throw ReplayException.usage("--redrive writes each dead letter back to the topic it came from; --to-topic does not go with it");
        }
        if (targets > 1 || (targets == 0 && redrive == null)) {
            throw ReplayException.usage("choose one of --dry-run, --to-url URL, --to-topic TOPIC");
        }
        String onRejected = args.get("on-4xx") == null ? "stop" : args.get("on-4xx");
        if (!Set.of("stop", "skip").contains(onRejected)) {
            throw ReplayException.usage("--on-4xx is stop or skip, not " + onRejected);
        }
        URI url = toUrl == null ? null : url(toUrl);
        Selection selection = Selection.from(redrive != null ? redrive : from, args);
        Sender sender = new Sender(args.intValue("concurrency", 4), rate(args.get("rate")), args.intValue("progress-ms", 2000));

        KafkaSettings settings = KafkaSettings.from(args.singles(), env);
        List<ConsumerRecord<String, byte[]>> records;
        try (Brokers brokers = Brokers.connect(settings)) {
            records = RecordReader.read(brokers, selection);
            if (toTopic != null) {
                brokers.requireTopic(toTopic);
            }
            if (redrive != null && !dryRun && url == null) {
                records.stream().map(Records::original).map(ConsumerRecord::topic).distinct().forEach(brokers::requireTopic);
            }
        }
        List<ConsumerRecord<String, byte[]>> outgoing = redrive == null ? records : records.stream().map(Records::original).toList();
        String filters = selection.describe().isEmpty() ? "" : " (" + String.join(", ", selection.describe()) + ")";
        if (dryRun) {
            out.println(Records.heading());
            records.forEach(r -> out.println(Records.line(r)));
            String where = redrive != null ? " back to " + String.join(", ", outgoing.stream().map(ConsumerRecord::topic).distinct().toList()) : "";
            out.println("dry run: would send " + records.size() + " record(s) from " + selection.topic() + filters + where + "; sent nothing");
            return 0;
        }
        err.println("[replay] " + outgoing.size() + " record(s) from " + selection.topic() + filters + " to "
                + (url != null ? url : toTopic != null ? "topic " + toTopic : "the topics they came from"));
        Target target = url != null
                ? new UrlTarget(url, args.intValue("retries", 5), Duration.ofMillis(args.intValue("backoff-ms", 200)), onRejected.equals("skip"))
                : new TopicTarget(settings, toTopic);
        try (target) {
            Sender.Summary summary = sender.send(outgoing, target, err);
            out.println(summary.text());
            return summary.exitCode();
        }
    }

    private static int reset(List<String> argList, Map<String, String> env, PrintStream out) {
        Args args = Args.parse(argList, union(KAFKA, RESET), Set.of("to-earliest", "to-latest", "execute"));
        if (!args.positional().isEmpty()) {
            throw ReplayException.usage("reset takes options only; got " + args.positional());
        }
        String name = args.get("function");
        if (name == null) {
            throw ReplayException.usage("reset needs --function operation|user|approval");
        }
        BatonFunction function;
        try {
            function = BatonFunction.named(name);
        } catch (IllegalArgumentException e) {
            throw ReplayException.usage("--function is operation, user or approval, not " + name);
        }
        List<String> topics = OffsetReset.topicsOf(function, args.get("topic"));
        OffsetReset.To to = OffsetReset.To.from(args);
        Long partition = args.longValue("partition");
        try (Brokers brokers = Brokers.connect(KafkaSettings.from(args.singles(), env))) {
            return new OffsetReset(brokers, out).run(function, topics, partition == null ? null : Math.toIntExact(partition), to, args.has("execute"));
        }
    }

    private static URI url(String value) {
        try {
            URI url = URI.create(value);
            if (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw ReplayException.usage("--to-url needs an http(s) URL such as http://localhost:8081/, not " + value);
        }
    }

    private static double rate(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw ReplayException.usage("--rate needs records per second, e.g. 50, not " + value);
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        List<String> all = new ArrayList<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
