package dev.baton.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.baton.eventing.contract.BatonFunction;

/**
 * What the local stack runs and where.
 *
 * @param home             the repository root, which holds {@code functions/}
 * @param dataDir          where Kafka and Mongo keep their data; null for temporary directories deleted on close
 * @param kafkaPort        0 for a free port
 * @param mongoPort        0 for a free port
 * @param externalKafka    bootstrap servers of a Kafka to use instead of the embedded one, or null
 * @param externalMongo    URI of a MongoDB to use instead of the embedded one, or null
 * @param topicPartitions  partitions of each topic the stack creates
 * @param functions        the child processes, started in this order
 * @param childEnv         environment added to every child's, over the launcher's own
 * @param readinessTimeout how long a child may take to answer its readiness probe
 * @param restarts         when a child that exits on its own is started again, and when the stack gives up
 */
public record StackConfig(
        Path home,
        Path dataDir,
        int kafkaPort,
        int mongoPort,
        String externalKafka,
        String externalMongo,
        int topicPartitions,
        List<FunctionSpec> functions,
        Map<String, String> childEnv,
        Duration readinessTimeout,
        RestartPolicy restarts) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_MONGO_PORT = 27017;
    public static final int DEFAULT_TOPIC_PARTITIONS = 6;
    public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Sized for three functions and the embedded brokers on a laptop; ParallelGC because these
     * handle load, and a capped heap so that three of them leave room for everything else.
     * C1 only: with four JVMs on two cores, C2 compilation took 35-48% of each function's CPU for
     * minutes after start; C1-only started faster (10.6 s vs 15.1 s to ready) and sustained more
     * signups under overload (177/s vs 145/s offered 300/s), see docs/benchmark.md.
     */
    public static final List<String> DEFAULT_JAVA_OPTS = List.of(
            "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xms64m", "-Xmx384m",
            "-XX:+ExitOnOutOfMemoryError");

    private static final Map<BatonFunction, Integer> DEFAULT_PORTS = Map.of(
            BatonFunction.OPERATION, 8080,
            BatonFunction.USER, 8081,
            BatonFunction.APPROVAL, 8082);

    /** Where each function's Prometheus scrape is; in a container it is 9095 for all (BATON_METRICS_PORT). */
    private static final Map<BatonFunction, Integer> DEFAULT_METRICS_PORTS = Map.of(
            BatonFunction.OPERATION, 9180,
            BatonFunction.USER, 9181,
            BatonFunction.APPROVAL, 9182);

    private static final Map<BatonFunction, String> METRICS_PORT_VARIABLES = Map.of(
            BatonFunction.OPERATION, "BATON_OPERATION_METRICS_PORT",
            BatonFunction.USER, "BATON_USER_METRICS_PORT",
            BatonFunction.APPROVAL, "BATON_APPROVAL_METRICS_PORT");

    /** So that a second stack on the same machine need not collide with the first one's user and approval. */
    private static final Map<BatonFunction, String> PORT_VARIABLES = Map.of(
            BatonFunction.OPERATION, "BATON_PORT",
            BatonFunction.USER, "BATON_USER_PORT",
            BatonFunction.APPROVAL, "BATON_APPROVAL_PORT");

    public StackConfig {
        functions = List.copyOf(functions);
        childEnv = Map.copyOf(childEnv);
    }

    /** The stack {@code baton up} runs, from the launcher's environment and working directory. */
    public static StackConfig fromEnv(Map<String, String> env, Path workingDir) {
        Path home = env.containsKey("BATON_HOME") ? Path.of(env.get("BATON_HOME")).toAbsolutePath() : findHome(workingDir);
        List<String> javaOpts = env.containsKey("BATON_JAVA_OPTS")
                ? Arrays.stream(env.get("BATON_JAVA_OPTS").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList()
                : DEFAULT_JAVA_OPTS;
        List<FunctionSpec> functions = Arrays.stream(BatonFunction.values())
                .map(function -> FunctionSpec.jar(function, home,
                        intEnv(env, PORT_VARIABLES.get(function), DEFAULT_PORTS.get(function)),
                        intEnv(env, METRICS_PORT_VARIABLES.get(function), DEFAULT_METRICS_PORTS.get(function)), javaOpts))
                .toList();
        Map<String, String> batonEnv = env.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("BATON_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        String dataDir = blankToNull(env.get("BATON_DATA_DIR"));
        return new StackConfig(
                home,
                dataDir == null ? home.resolve(".baton") : Path.of(dataDir).toAbsolutePath(),
                intEnv(env, "BATON_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                intEnv(env, "BATON_MONGO_PORT", DEFAULT_MONGO_PORT),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("MONGODB_URI")),
                intEnv(env, "BATON_TOPIC_PARTITIONS", DEFAULT_TOPIC_PARTITIONS),
                functions,
                batonEnv,
                DEFAULT_READINESS_TIMEOUT,
                RestartPolicy.DEFAULT);
    }

    /** The same stack on temporary directories and free ports, so it runs next to a {@code baton up}. */
    public StackConfig isolated() {
        List<FunctionSpec> onFreePorts = functions.stream().map(spec -> spec.withPort(0).withMetricsPort(0)).toList();
        return new StackConfig(home, null, 0, 0, externalKafka, externalMongo, topicPartitions, onFreePorts, childEnv,
                readinessTimeout, restarts);
    }

    /** Keeps Kafka's and MongoDB's data in {@code dataDir}, so a second stack on it finds what the first left. */
    public StackConfig withDataDir(Path dataDir) {
        return new StackConfig(home, dataDir, kafkaPort, mongoPort, externalKafka, externalMongo, topicPartitions,
                functions, childEnv, readinessTimeout, restarts);
    }

    public StackConfig withFunctions(List<FunctionSpec> functions) {
        return new StackConfig(home, dataDir, kafkaPort, mongoPort, externalKafka, externalMongo, topicPartitions,
                functions, childEnv, readinessTimeout, restarts);
    }

    public StackConfig withChildEnv(Map<String, String> childEnv) {
        return new StackConfig(home, dataDir, kafkaPort, mongoPort, externalKafka, externalMongo, topicPartitions,
                functions, childEnv, readinessTimeout, restarts);
    }

    public StackConfig withReadinessTimeout(Duration readinessTimeout) {
        return new StackConfig(home, dataDir, kafkaPort, mongoPort, externalKafka, externalMongo, topicPartitions,
                functions, childEnv, readinessTimeout, restarts);
    }

    public StackConfig withRestarts(RestartPolicy restarts) {
        return new StackConfig(home, dataDir, kafkaPort, mongoPort, externalKafka, externalMongo, topicPartitions,
                functions, childEnv, readinessTimeout, restarts);
    }

    /** The nearest directory, from {@code start} up, that contains {@code functions/}; else {@code start}. */
    static Path findHome(Path start) {
        Path absolute = start.toAbsolutePath();
        for (Path dir = absolute; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        return absolute;
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
