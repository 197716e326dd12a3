package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

    @TempDir
    Path repo;

    @Test
    void defaultsToTheRepositoryFoundAboveTheWorkingDirectory() throws Exception {
        Files.createDirectories(repo.resolve("functions"));
        Path nested = Files.createDirectories(repo.resolve("local/src"));

        StackConfig config = StackConfig.fromEnv(Map.of("PATH", "/usr/bin"), nested);

        assertEquals(repo.toAbsolutePath(), config.home());
        assertEquals(repo.resolve(".baton").toAbsolutePath(), config.dataDir());
        assertEquals(9092, config.kafkaPort());
        assertEquals(27017, config.mongoPort());
        assertEquals(6, config.topicPartitions());
        assertNull(config.externalKafka());
        assertNull(config.externalMongo());
        assertEquals(List.of("operation", "user", "approval"), config.functions().stream().map(FunctionSpec::name).toList());
        assertEquals(List.of(8080, 8081, 8082), config.functions().stream().map(FunctionSpec::port).toList());
        FunctionSpec user = config.functions().get(1);
        assertEquals(repo.resolve("functions/user/target/baton-user.jar").toAbsolutePath(), user.jar());
        assertEquals(user.jar().toString(), user.command().get(user.command().size() - 1));
        assertTrue(user.command().containsAll(StackConfig.DEFAULT_JAVA_OPTS));
        assertEquals(Map.of(), config.childEnv());
    }

    @Test
    void takesItsSettingsFromTheEnvironment() {
        StackConfig config = StackConfig.fromEnv(Map.of(
                "BATON_HOME", repo.toString(),
                "BATON_PORT", "9080",
                "BATON_KAFKA_PORT", "19092",
                "BATON_MONGO_PORT", "37017",
                "BATON_TOPIC_PARTITIONS", "2",
                "BATON_JAVA_OPTS", " -Xmx128m  -XX:+UseSerialGC ",
                "BATON_APPROVAL_WORK_TIME", "200ms",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "MONGODB_URI", "mongodb://mongo:27017",
                "HOME", "/root"), Path.of("/"));

        assertEquals(repo.toAbsolutePath(), config.home());
        assertEquals(List.of(9080, 8081, 8082), config.functions().stream().map(FunctionSpec::port).toList());
        assertEquals(19092, config.kafkaPort());
        assertEquals(37017, config.mongoPort());
        assertEquals(2, config.topicPartitions());
        assertEquals("kafka:9092", config.externalKafka());
        assertEquals("mongodb://mongo:27017", config.externalMongo());
        assertEquals(List.of("-Xmx128m", "-XX:+UseSerialGC", "-jar"), config.functions().get(0).command().subList(1, 4));
        assertEquals("200ms", config.childEnv().get("BATON_APPROVAL_WORK_TIME"));
        assertNull(config.childEnv().get("HOME"));
    }

    @Test
    void movesEveryFunctionsPortByItsOwnVariable() {
        StackConfig config = StackConfig.fromEnv(Map.of("BATON_HOME", repo.toString(),
                "BATON_PORT", "18080", "BATON_USER_PORT", "18081", "BATON_APPROVAL_PORT", "18082"), repo);

        assertEquals(List.of(18080, 18081, 18082), config.functions().stream().map(FunctionSpec::port).toList());
    }

    @Test
    void isolatedUsesFreePortsAndTemporaryData() {
        StackConfig config = StackConfig.fromEnv(Map.of("BATON_HOME", repo.toString()), repo).isolated();

        assertNull(config.dataDir());
        assertEquals(0, config.kafkaPort());
        assertEquals(0, config.mongoPort());
        assertTrue(config.functions().stream().allMatch(spec -> spec.port() == 0));
        assertTrue(config.functions().stream().allMatch(spec -> spec.metricsPort() == 0));
    }

    @Test
    void putsEachFunctionsScrapeOnAPortOfItsOwn() {
        StackConfig defaults = StackConfig.fromEnv(Map.of("BATON_HOME", repo.toString()), repo);
        StackConfig moved = StackConfig.fromEnv(Map.of("BATON_HOME", repo.toString(),
                "BATON_OPERATION_METRICS_PORT", "19180", "BATON_APPROVAL_METRICS_PORT", "19182"), repo);

        assertEquals(List.of(9180, 9181, 9182), defaults.functions().stream().map(FunctionSpec::metricsPort).toList());
        assertEquals(List.of(19180, 9181, 19182), moved.functions().stream().map(FunctionSpec::metricsPort).toList());
    }

    @Test
    void rejectsAPortThatIsNoNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackConfig.fromEnv(Map.of("BATON_HOME", repo.toString(), "BATON_KAFKA_PORT", "ninety"), repo));
        assertTrue(e.getMessage().contains("BATON_KAFKA_PORT"));
    }
}
