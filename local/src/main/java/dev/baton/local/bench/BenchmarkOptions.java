package dev.baton.local.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@code baton bench}. */
record BenchmarkOptions(
        URI url,
        double rate,
        Duration duration,
        long count,
        Duration warmup,
        Duration waitTime,
        Duration drainTimeout,
        int maxInflightPolls,
        int maxInflightPosts,
        Path out,
        String label,
        int repeat,
        boolean progress,
        boolean help,
        List<Path> compare,
        Map<String, Long> pids,
        boolean kafkaBaseline,
        String bootstrapServers,
        String dispatch,
        int concurrency) {

    static final String USAGE = """
            Usage: baton bench [options]
                   baton bench --dispatch approval|user|operation [--url URL] [options]
                   baton bench --compare BASELINE.json OTHER.json

            Loads a running Baton API open-loop with signups (POST /users) at a fixed rate, follows every
            operation to its terminal state with long polls (GET /operations/{id}?wait=) and reports
            throughput, latency percentiles, errors and lost operations. Exits 1 if any operation was lost
            or any HTTP error occurred, 2 on a usage error.

              --url URL                  API base URL, http:// only (default http://localhost:8080)
              --rate N                   signups per second, open loop (default 100)
              --duration D               how long to send, e.g. 60s, 2m (default 60s)
              --count N                  number of signups instead of --duration
              --warmup D                 not-counted phase at the same rate first (default 10s; 0 to skip)
              --wait D                   long-poll wait per GET (default 10s)
              --drain-timeout D          after the last POST, how long to wait for operations to finish;
                                         those still pending then are reported lost (default 60s)
              --max-inflight-polls N     concurrent long polls (default 2000)
              --max-inflight-posts N     concurrent POSTs; beyond it sending waits, and the wait counts
                                         in the latency (default 1000)
              --out FILE                 JSON result file (default bench-results/<timestamp>[-<label>].json)
              --label TEXT               tag for the run, e.g. approval-200ms; recorded in the JSON
              --repeat N                 run the scenario N times and report the median of each figure
              --no-progress              no progress line on stderr
              --pids NAME=PID,...        measure the CPU of these processes instead of the stack found by the
                                         --url port, e.g. launcher=4242,operation=4250
              --kafka-baseline           before each run, produce and consume the run's Kafka events on the
                                         broker alone and report the saga's rate as a share of it
              --bootstrap-servers HOSTS  Kafka of --kafka-baseline (default: the one the stack was given)
              --compare A.json B.json    print B/A ratios of the key figures of two result files
              --dispatch FUNCTION        the Knative path of one function instead: POST binary-mode CloudEvents
                                         to its POST / as a KafkaSource does, --rate events per second; the
                                         default --url is the function's port under ./baton up (8080, 8081,
                                         8082). Run the stack with BATON_LOCAL_DELIVERY_ENABLED=false so that
                                         nothing else delivers to it (docs/benchmark.md)
              --concurrency N            --dispatch: events in flight at most, like the dispatcher (default 50)
              --help                     this text
            """;

    private static final DateTimeFormatter FILE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    boolean isDispatch() {
        return dispatch != null;
    }

    boolean isCompare() {
        return !compare.isEmpty();
    }

    /** How many signups the measured phase sends. */
    long signupCount() {
        return count > 0 ? count : OpenLoopSchedule.forDuration(rate, duration).count();
    }

    static BenchmarkOptions parse(String... args) {
        URI url = URI.create("http://localhost:8080");
        double rate = 100;
        Duration duration = null;
        long count = 0;
        Duration warmup = Duration.ofSeconds(10);
        Duration wait = Duration.ofSeconds(10);
        Duration drainTimeout = Duration.ofSeconds(60);
        int maxInflightPolls = 2000;
        int maxInflightPosts = 1000;
        Path out = null;
        String label = "";
        int repeat = 1;
        boolean progress = true;
        boolean help = false;
        List<Path> compare = new ArrayList<>();
        Map<String, Long> pids = Map.of();
        boolean kafkaBaseline = false;
        String bootstrapServers = null;
        String dispatch = null;
        int concurrency = DispatchOptions.DEFAULT_CONCURRENCY;
        Set<String> given = new HashSet<>();

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            given.add(name);
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--no-progress" -> progress = false;
                case "--kafka-baseline" -> kafkaBaseline = true;
                case "--compare" -> {
                    if (inlineValue != null || i + 2 >= args.length) {
                        throw new IllegalArgumentException("--compare needs two result files");
                    }
                    compare = List.of(Path.of(args[++i]), Path.of(args[++i]));
                }
                default -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--url" -> url = parseUrl(value);
                        case "--rate" -> rate = positiveDouble(name, value);
                        case "--duration" -> duration = positiveDuration(name, value);
                        case "--count" -> count = positiveLong(name, value);
                        case "--warmup" -> warmup = Durations.parse(value);
                        case "--wait" -> wait = positiveDuration(name, value);
                        case "--drain-timeout" -> drainTimeout = positiveDuration(name, value);
                        case "--max-inflight-polls" -> maxInflightPolls = (int) positiveLong(name, value);
                        case "--max-inflight-posts" -> maxInflightPosts = (int) positiveLong(name, value);
                        case "--out" -> out = Path.of(value);
                        case "--label" -> label = value;
                        case "--repeat" -> repeat = (int) positiveLong(name, value);
                        case "--pids" -> pids = parsePids(value);
                        case "--bootstrap-servers" -> bootstrapServers = nonBlank(name, value);
                        case "--dispatch" -> dispatch = DispatchOptions.function(value);
                        case "--concurrency" -> concurrency = (int) positiveLong(name, value);
                        default -> throw new IllegalArgumentException("unknown option: " + arg);
                    }
                }
            }
        }
        if (duration != null && count > 0) {
            throw new IllegalArgumentException("give either --duration or --count, not both");
        }
        if (duration == null) {
            duration = Duration.ofSeconds(60);
        }
        if (count == 0 && OpenLoopSchedule.forDuration(rate, duration).count() == 0) {
            throw new IllegalArgumentException("--rate " + rate + " for " + Durations.format(duration) + " sends nothing");
        }
        if (bootstrapServers != null && !kafkaBaseline) {
            throw new IllegalArgumentException("--bootstrap-servers is for --kafka-baseline");
        }
        DispatchOptions.check(dispatch, given);
        if (dispatch != null && !given.contains("--url")) {
            url = DispatchOptions.defaultUrl(dispatch);
        }
        if (out == null) {
            out = defaultOut(dispatch == null ? label : "dispatch-" + dispatch + (label.isBlank() ? "" : "-" + label));
        }
        return new BenchmarkOptions(url, rate, duration, count, warmup, wait, drainTimeout, maxInflightPolls,
                maxInflightPosts, out, label, repeat, progress, help, compare, pids, kafkaBaseline, bootstrapServers,
                dispatch, concurrency);
    }

    /** {@code launcher=4242,operation=4250}, in that order; the names are the report's. */
    static Map<String, Long> parsePids(String value) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int equals = pair.indexOf('=');
            String name = equals > 0 ? pair.substring(0, equals).trim() : "";
            String pid = equals > 0 ? pair.substring(equals + 1).trim() : "";
            if (!name.matches("[A-Za-z0-9_-]+") || !pid.matches("[0-9]{1,10}") || Long.parseLong(pid) == 0) {
                throw new IllegalArgumentException("--pids needs NAME=PID,...: " + value);
            }
            if (pids.put(name, Long.parseLong(pid)) != null) {
                throw new IllegalArgumentException("--pids names " + name + " twice");
            }
        }
        return Collections.unmodifiableMap(pids);
    }

    private static String nonBlank(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value.trim();
    }

    private static Path defaultOut(String label) {
        String timestamp = FILE_TIMESTAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        String suffix = label.isBlank() ? "" : "-" + label.replaceAll("[^A-Za-z0-9._-]+", "_");
        return Path.of("bench-results", timestamp + suffix + ".json");
    }

    private static URI parseUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url: not a URL: " + value);
        }
        // plain http only: the benchmark's own small client speaks no TLS (the local stack needs none)
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("--url must be an http:// URL with a host and no query: " + value);
        }
        return uri;
    }

    private static double positiveDouble(String name, String value) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number: " + value);
        }
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return parsed;
    }

    private static long positiveLong(String name, String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number: " + value);
        }
        if (parsed <= 0 || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 and " + Integer.MAX_VALUE + ": " + value);
        }
        return parsed;
    }

    private static Duration positiveDuration(String name, String value) {
        Duration parsed = Durations.parse(value);
        if (parsed.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than 0");
        }
        return parsed;
    }
}
