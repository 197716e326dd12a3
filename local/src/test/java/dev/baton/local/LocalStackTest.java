package dev.baton.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.baton.eventing.contract.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Quick, so that a crash loop ends within seconds. */
    static final RestartPolicy FAST_RESTARTS =
            new RestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3, Duration.ofSeconds(60));

    /** Stands in for an external Kafka, so that only one test pays for an embedded broker's start. */
    private static EmbeddedKafka sharedKafka;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void startKafka() {
        sharedKafka = EmbeddedKafka.start(null, 0);
    }

    @AfterAll
    static void stopKafka() {
        sharedKafka.close();
    }

    @Test
    void startsBrokersAndFunctionsAndStopsThemInOrder(@TempDir Path stopLog) throws Exception {
        Path stops = stopLog.resolve("stops");
        StackConfig config = config(List.of(fake("operation", "serve"), fake("user", "serve")), null)
                .withChildEnv(Map.of("BATON_APPROVAL_WORK_TIME", "200ms", "FAKE_STOP_FILE", stops.toString()));
        List<ProcessHandle> children;
        String kafka;
        String mongoUri;
        try (LocalStack stack = LocalStack.start(config, out)) {
            kafka = stack.kafkaBootstrapServers();
            mongoUri = stack.mongoUri();
            assertEquals(200, get(stack.apiUrl() + "/health/readiness").statusCode());
            assertEquals(kafka, get(stack.apiUrl() + "/env?KAFKA_BOOTSTRAP_SERVERS").body());
            assertEquals(stack.mongoUri(), get(stack.functionUrl("user") + "/env?MONGODB_URI").body());
            assertEquals("true", get(stack.apiUrl() + "/env?BATON_LOCAL_DELIVERY_ENABLED").body());
            assertEquals("200ms", get(stack.functionUrl("user") + "/env?BATON_APPROVAL_WORK_TIME").body());
            assertEquals(String.valueOf(URI.create(stack.apiUrl()).getPort()), get(stack.apiUrl() + "/env?PORT").body());
            assertAllTopics(kafka, 3);
            try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
                assertEquals(1.0, mongo.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"));
            }
            children = ProcessHandle.current().children().toList();
            assertEquals(2, children.size());
            assertTrue(output.toString(StandardCharsets.UTF_8).contains("[user] fake function: listening on"));
        }
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive));
        // Functions first: each still reached its brokers while it stopped; then the brokers.
        List<String> stopped = Files.readAllLines(stops);
        assertEquals(2, stopped.size(), stopped.toString());
        assertTrue(stopped.stream().allMatch(line -> line.endsWith(" stopped, Kafka up: true, MongoDB up: true")), stopped.toString());
        assertTrue(isFree(URI.create("http://" + kafka).getPort()), "Kafka should be stopped");
        assertTrue(isFree(URI.create(mongoUri.replace("mongodb://", "http://")).getPort()), "MongoDB should be stopped");
    }

    @Test
    void restartsAKilledFunctionOnItsPortUntilItIsReadyAgain() throws Exception {
        try (LocalStack stack = LocalStack.start(config(List.of(fake("operation", "serve")), sharedKafka), out)) {
            long first = stack.pidOf("operation");

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(30)).until(() -> printed("[baton] operation is ready again"));
            assertTrue(printed("[baton] operation exited with code 137; restarting in 0.1 s (restart 1)"), printed());
            assertEquals(1, stack.restarts("operation"));
            assertNotEquals(first, stack.pidOf("operation"));
            assertEquals(200, get(stack.apiUrl() + "/health/readiness").statusCode());
            assertEquals(String.valueOf(URI.create(stack.apiUrl()).getPort()), get(stack.apiUrl() + "/env?PORT").body());
            assertEquals("true", get(stack.apiUrl() + "/env?BATON_PARENT_WATCH_ENABLED").body());
            assertFalse(stack.unexpectedExit().isDone());
        }
    }

    @Test
    void givesUpOnAFunctionThatKeepsCrashing(@TempDir Path dir) throws Exception {
        StackConfig config = config(List.of(fake("operation", "serve-once", dir.resolve("started").toString())), sharedKafka);
        try (LocalStack stack = LocalStack.start(config, out)) {
            assertFalse(stack.unexpectedExit().isDone());

            HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/exit"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

            LocalStack.FunctionExit exit = stack.unexpectedExit().get(60, TimeUnit.SECONDS);
            assertEquals(new LocalStack.FunctionExit("operation", 7), exit);
            assertEquals(FAST_RESTARTS.maxCrashes() - 1, stack.restarts("operation"));
            assertTrue(printed("[operation] fake function: exiting as asked"), printed());
            assertTrue(printed("[baton] operation exited with code 3; restarting in 0.1 s (restart 1)"), printed());
            assertTrue(printed("[baton] operation exited with code 7; restarting in 0.2 s (restart 2)"), printed());
            assertFalse(printed("(restart 3)"), printed());
        }
    }

    @Test
    void doesNotReportOrRestartFunctionsItStopsItself() throws Exception {
        LocalStack stack = LocalStack.start(config(List.of(fake("operation", "serve")), sharedKafka), out);
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        stack.close();
        assertTrue(stack.awaitClosing(Duration.ZERO));
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive));
        assertFalse(stack.unexpectedExit().isDone());
        assertEquals(0, stack.restarts("operation"));
        assertFalse(printed("restarting"), printed());
    }

    @Test
    void functionsExitSoonAfterTheLauncherIsKilled() throws Exception {
        Process launcher = new ProcessBuilder(FunctionSpec.javaExecutable(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), FakeLauncher.class.getName(), sharedKafka.bootstrapServers())
                .redirectErrorStream(true).start();
        List<ProcessHandle> children = List.of();
        try {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = lines.readLine();
                    assertNotNull(line, "the fake launcher ended before its stack was up");
                } while (!line.equals(FakeLauncher.UP));
            }
            children = launcher.children().toList();
            assertEquals(2, children.size());

            launcher.destroyForcibly();

            List<ProcessHandle> orphans = children;
            await().atMost(Duration.ofSeconds(10)).until(() -> orphans.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            launcher.destroyForcibly();
            // Should the watch fail, the orphans must not outlive the test.
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void failsWithTheLastLinesOfAFunctionThatDiesAtStart() {
        StackConfig config = config(List.of(fake("operation", "serve"), fake("user", "crash")), sharedKafka);

        StackException e = assertThrows(StackException.class, () -> LocalStack.start(config, out));

        assertTrue(e.getMessage().contains("user exited with code 7"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot start, boom"), e.getMessage());
        await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.current().children().findAny().isEmpty());
    }

    @Test
    void failsWhenAFunctionIsNotReadyInTime() {
        StackConfig config = config(List.of(fake("operation", "unready")), sharedKafka)
                .withReadinessTimeout(Duration.ofSeconds(1));

        StackException e = assertThrows(StackException.class, () -> LocalStack.start(config, out));

        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertTrue(e.getMessage().contains("fake function: listening on"), e.getMessage());
        await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.current().children().findAny().isEmpty());
    }

    @Test
    void refusesToStartWithoutTheFunctionJars() {
        StackConfig config = StackConfig.fromEnv(Map.of("BATON_HOME", "/nonexistent/baton"), Path.of("/")).isolated();

        StackException e = assertThrows(StackException.class, () -> LocalStack.start(config, out));

        assertTrue(e.getMessage().contains("/nonexistent/baton/functions/operation/target/baton-operation.jar"),
                e.getMessage());
    }

    private static StackConfig config(List<FunctionSpec> functions, EmbeddedKafka externalKafka) {
        return configOnKafka(functions, externalKafka == null ? null : externalKafka.bootstrapServers());
    }

    /** @param externalKafka bootstrap servers, or null for an embedded Kafka */
    static StackConfig configOnKafka(List<FunctionSpec> functions, String externalKafka) {
        StackConfig isolated = StackConfig.fromEnv(Map.of("BATON_HOME", "/nonexistent/baton", "BATON_TOPIC_PARTITIONS", "3"),
                Path.of("/")).isolated().withFunctions(functions).withChildEnv(Map.of()).withRestarts(FAST_RESTARTS);
        if (externalKafka == null) {
            return isolated;
        }
        return new StackConfig(isolated.home(), null, 0, 0, externalKafka, null,
                isolated.topicPartitions(), functions, Map.of(), isolated.readinessTimeout(), isolated.restarts());
    }

    private static FunctionSpec fake(String name, String... args) {
        return FakeFunction.spec(name, args);
    }

    private boolean printed(String text) {
        return printed().contains(text);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAllTopics(String bootstrapServers, int partitions) throws Exception {
        List<String> expected = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            expected.add(topic.topicName());
            expected.add(topic.deadLetterTopicName());
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get();
            assertEquals(expected.size(), topics.size());
            topics.values().forEach(topic -> assertEquals(partitions, topic.partitions().size(), topic.name()));
        }
    }

}
