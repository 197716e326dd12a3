package dev.baton.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.baton.eventing.contract.Topic;

/**
 * Kafka, MongoDB and the functions on one machine: the brokers in this JVM, the functions as child processes.
 * A function that crashes is restarted (see {@link RestartPolicy}); each child exits by itself if this JVM dies.
 * Closing stops the functions first, so that none of them sees its broker vanish while it still runs.
 */
public final class LocalStack implements AutoCloseable {

    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    static final String MONGO_JOURNAL = "mongo.journal";
    /** As mongod's default journal commit interval: what a power loss may cost; a kill -9 costs nothing. */
    static final Duration MONGO_JOURNAL_SYNC = Duration.ofMillis(100);

    /** A function that kept exiting although nobody asked it to, with its last exit code. */
    public record FunctionExit(String name, int exitCode) {
    }

    private final StackConfig config;
    private final PrintStream out;
    private final List<SupervisedFunction> functions = new ArrayList<>();
    private final Map<String, Integer> metricsPorts = new LinkedHashMap<>();
    private final CompletableFuture<FunctionExit> unexpectedExit = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;
    private String kafkaBootstrapServers;
    private String mongoUri;
    private boolean closed;

    private LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public static LocalStack start(StackConfig config) {
        return start(config, System.out);
    }

    /**
     * Starts everything and returns once every function answers its readiness probe.
     *
     * @param out where the launcher's messages and the functions' output go
     * @throws StackException when something does not start; whatever did start is stopped again
     */
    public static LocalStack start(StackConfig config, PrintStream out) {
        LocalStack stack = new LocalStack(config, out);
        try {
            stack.boot();
            return stack;
        } catch (InterruptedException e) {
            stack.close();
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while starting", e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** The first function's base URL: the operation function, which serves the API. */
    public String apiUrl() {
        return functionUrl(functions.get(0).name());
    }

    public String functionUrl(String name) {
        return "http://127.0.0.1:" + function(name).port();
    }

    /** Where the function's Prometheus scrape is: {@code http://127.0.0.1:<metrics port>/metrics}. */
    public String metricsUrl(String name) {
        function(name);
        return "http://127.0.0.1:" + metricsPorts.get(name) + "/metrics";
    }

    /** The pid of the function's current process, which changes when it is restarted. */
    public long pidOf(String name) {
        return function(name).pid();
    }

    /** How often the function has been restarted since the stack started. */
    public int restarts(String name) {
        return function(name).restarts();
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String mongoUri() {
        return mongoUri;
    }

    /**
     * Completes when a function has crashed {@link RestartPolicy#maxCrashes()} times within the policy's window,
     * and the stack gives up on it; never when the stack stops it.
     */
    public CompletableFuture<FunctionExit> unexpectedExit() {
        return unexpectedExit;
    }

    /** @return true once {@link #close()} has begun, waiting up to {@code timeout} for that */
    public boolean awaitClosing(Duration timeout) throws InterruptedException {
        return closing.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void boot() throws InterruptedException {
        requireJars();
        Map<String, Integer> ports = functionPorts();
        metricsPorts.putAll(metricsPorts());
        startKafka();
        startMongo();
        Map<String, String> env = new HashMap<>(config.childEnv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("MONGODB_URI", mongoUri);
        // BATON_LOCAL_DELIVERY_FUNCTIONS picks the functions local delivery feeds; BATON_LOCAL_DELIVERY_ENABLED=false
        // feeds none, leaving them all to an outside dispatcher (baton bench --dispatch), as on Knative.
        java.util.Set<String> delivered = "false".equals(config.childEnv().get("BATON_LOCAL_DELIVERY_ENABLED"))
                ? java.util.Set.of()
                : LocalDeliverySwitch.delivered(config.childEnv().get(LocalDeliverySwitch.ENV),
                        config.functions().stream().map(FunctionSpec::name).toList());
        // One consumer per function here, so static membership is safe: a restarted function resumes at once.
        env.putIfAbsent("BATON_LOCAL_DELIVERY_INSTANCE_ID", "baton-local");
        env.put("BATON_PARENT_WATCH_ENABLED", "true");
        for (FunctionSpec spec : config.functions()) {
            Map<String, String> functionEnv = new HashMap<>(env);
            functionEnv.put("BATON_LOCAL_DELIVERY_ENABLED", String.valueOf(delivered.contains(spec.name())));
            functionEnv.put("BATON_METRICS_PORT", String.valueOf(metricsPorts.get(spec.name())));
            SupervisedFunction function = SupervisedFunction.start(spec, ports.get(spec.name()), functionEnv, config, out, closing);
            functions.add(function);
            function.gaveUp().thenAccept(unexpectedExit::complete);
            say("started " + spec.name() + " (pid " + function.pid() + ") on port " + function.port()
                    + (delivered.contains(spec.name()) ? "" : ", without local delivery (" + LocalDeliverySwitch.ENV + ")"));
        }
        for (SupervisedFunction function : functions) {
            function.awaitFirstReady();
            say(function.name() + " is ready");
        }
    }

    private SupervisedFunction function(String name) {
        return functions.stream()
                .filter(function -> function.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function named " + name));
    }

    private void requireJars() {
        List<String> missing = config.functions().stream()
                .filter(spec -> spec.jar() != null && !Files.isRegularFile(spec.jar()))
                .map(spec -> "  " + spec.jar())
                .toList();
        if (!missing.isEmpty()) {
            throw new StackException("missing function jars (build them with 'mvn -DskipTests package' in "
                    + config.home() + ", or run ./baton up, which does):\n" + String.join("\n", missing));
        }
    }

    private Map<String, Integer> functionPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (FunctionSpec spec : config.functions()) {
            ports.put(spec.name(), spec.port() == 0 ? FreePorts.find() : requireFree(spec.port(), spec.name()));
        }
        return ports;
    }

    private Map<String, Integer> metricsPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (FunctionSpec spec : config.functions()) {
            ports.put(spec.name(), spec.metricsPort() == 0 ? FreePorts.find()
                    : requireFree(spec.metricsPort(), "the metrics of " + spec.name()));
        }
        return ports;
    }

    private void startKafka() {
        if (config.externalKafka() != null) {
            kafkaBootstrapServers = config.externalKafka();
            say("using Kafka at " + kafkaBootstrapServers + " (KAFKA_BOOTSTRAP_SERVERS)");
        } else {
            int port = config.kafkaPort() == 0 ? 0 : requireFree(config.kafkaPort(), "Kafka (BATON_KAFKA_PORT)");
            long started = System.nanoTime();
            kafka = EmbeddedKafka.start(config.dataDir() == null ? null : config.dataDir().resolve("kafka"), port);
            kafkaBootstrapServers = kafka.bootstrapServers();
            say("Kafka on " + kafkaBootstrapServers + " in " + millisSince(started) + " ms"
                    + (config.dataDir() == null ? "" : ", data in " + config.dataDir().resolve("kafka")));
        }
        List<String> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(topic.topicName());
            topics.add(topic.deadLetterTopicName());
        }
        EmbeddedKafka.createTopics(kafkaBootstrapServers, topics, config.topicPartitions());
        say("topics " + String.join(", ", topics));
    }

    private void startMongo() {
        if (config.externalMongo() != null) {
            mongoUri = config.externalMongo();
            say("using MongoDB at " + mongoUri + " (MONGODB_URI)");
            return;
        }
        int port = config.mongoPort() == 0 ? 0 : requireFree(config.mongoPort(), "MongoDB (BATON_MONGO_PORT)");
        // BATON_MONGO_STORAGE=memory drops the journal, for runs that need no data kept.
        boolean inMemory = config.dataDir() == null || "memory".equals(config.childEnv().get("BATON_MONGO_STORAGE"));
        Path journal = inMemory ? null : config.dataDir().resolve(MONGO_JOURNAL);
        long started = System.nanoTime();
        mongo = inMemory ? EmbeddedMongo.inMemory(port) : EmbeddedMongo.journaled(journal, MONGO_JOURNAL_SYNC, port);
        mongoUri = mongo.connectionString();
        say("MongoDB on " + mongoUri + (inMemory ? " (in memory)"
                : " in " + millisSince(started) + " ms, data in memory, journal " + journal));
    }

    /** Functions first, then Kafka, then MongoDB; each step runs even if an earlier one failed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        stopFunctions();
        if (kafka != null) {
            attempt("stop Kafka", kafka::close);
        }
        if (mongo != null) {
            attempt("stop MongoDB", mongo::close);
        }
    }

    private void stopFunctions() {
        functions.forEach(SupervisedFunction::requestStop);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (SupervisedFunction function : functions) {
            attempt("stop " + function.name(), () -> {
                try {
                    function.awaitStop(deadline);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private void attempt(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            say("could not " + what + ": " + e);
        }
    }

    private static int requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new StackException("port " + port + " for " + what + " is in use (is another 'baton up' running?)");
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private void say(String message) {
        out.println("[baton] " + message);
    }
}
