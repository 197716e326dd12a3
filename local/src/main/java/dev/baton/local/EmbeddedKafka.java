package dev.baton.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real Kafka broker in this JVM: one KRaft node that is both broker and controller.
 * Formats its storage only once, so restarting on the same directory keeps the events.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir, boolean deleteOnClose) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    public static EmbeddedKafka start(Path dataDir, int port) {
        boolean temporary = dataDir == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("baton-kafka") : dataDir.toAbsolutePath();
            Files.createDirectories(dir);
            int brokerPort = port == 0 ? FreePorts.find() : port;
            // The static quorum needs the controller's address up front, so it cannot be an ephemeral port.
            int controllerPort = FreePorts.find();
            KafkaConfig config = new KafkaConfig(brokerConfig(dir, brokerPort, controllerPort), false);
            if (!Files.exists(dir.resolve("meta.properties"))) {
                format(dir);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            EmbeddedKafka kafka = new EmbeddedKafka(server, "127.0.0.1:" + brokerPort, dir, temporary);
            try {
                server.startup();
                kafka.awaitUnfenced();
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet; existing ones keep their partition count. */
    public void createTopics(Collection<String> topicNames, int partitions) {
        createTopics(bootstrapServers, topicNames, partitions);
    }

    /** Also used against an external Kafka, so it is not tied to the embedded broker. */
    static void createTopics(String bootstrapServers, Collection<String> topicNames, int partitions) {
        try (Admin admin = admin(bootstrapServers)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topicNames.stream()
                    .distinct()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, partitions, (short) 1))
                    .collect(Collectors.toList());
            if (missing.isEmpty()) {
                return;
            }
            for (var result : admin.createTopics(missing).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    // Someone else may have created it between our listing and our request.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + topicNames + " on " + bootstrapServers, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            FileTrees.delete(dataDir);
        }
    }

    private static Properties brokerConfig(Path dir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dir.toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "6"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                // 50 partitions (the default) make the first consumer group wait for their creation.
                Map.entry("offsets.topic.num.partitions", "6"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "6"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The cleaner's default 128 MiB dedupe buffer is wasted on a laptop-sized log.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024)),
                Map.entry("num.io.threads", "4"),
                Map.entry("num.network.threads", "2"),
                // After a kill -9 the restarted controller keeps the dead broker's session and refuses the new
                // registration until that expires (9 s by default; start took 16 s, now 9 s). Heartbeats stay in
                // this JVM, so only a multi-second stall could expire a live session.
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("broker.session.timeout.ms", "4000")));
        return props;
    }

    private static void format(Path dir) {
        try {
            new Formatter()
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + dir, e);
        }
    }

    /** startup() returns before the controller unfences the broker; topic creation needs an unfenced broker. */
    private void awaitUnfenced() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin(bootstrapServers)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    // not answering yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker on " + bootstrapServers + " did not become ready in " + READY_TIMEOUT);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        }
    }

    private static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "baton-local-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(props);
    }
}
