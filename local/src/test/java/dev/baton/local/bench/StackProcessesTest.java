package dev.baton.local.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackProcessesTest {

    private static final String JAVA = "/usr/bin/java -Xmx384m -jar ";

    @TempDir
    Path root;

    /** Two stacks on one machine, and a benchmark that runs from the launcher's jar. */
    private FakeProc twoStacks(Map<String, String> launcherEnv) {
        FakeProc proc = new FakeProc(root);
        Map<String, String> children = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
        proc.process(100, 1, JAVA + "/a/local/target/baton-local.jar up", launcherEnv)
                .process(101, 100, JAVA + "/a/functions/operation/target/baton-operation.jar",
                        with(children, "PORT", "18080"))
                .process(102, 100, JAVA + "/a/functions/user/target/baton-user.jar", with(children, "PORT", "18081"))
                .process(103, 100, JAVA + "/a/functions/approval/target/baton-approval.jar",
                        with(children, "PORT", "18082"));
        proc.process(200, 1, JAVA + "/b/local/target/baton-local.jar up", Map.of())
                .process(201, 200, JAVA + "/b/functions/operation/target/baton-operation.jar", Map.of("PORT", "8080"))
                .process(202, 200, JAVA + "/b/functions/user/target/baton-user.jar", Map.of("PORT", "8081"))
                .process(203, 200, JAVA + "/b/functions/approval/target/baton-approval.jar", Map.of("PORT", "8082"));
        proc.process(300, 1, "java -cp /a/local/target/baton-local.jar dev.baton.local.bench.Benchmark",
                Map.of("PORT", "18080"));
        return proc;
    }

    @Test
    void findsTheLauncherWhoseOperationServesTheApiPortAndItsChildren() {
        FakeProc proc = twoStacks(Map.of());

        StackProcesses.Found found = StackProcesses.find(proc.procFs(), 18080, 300);

        assertEquals(List.of(new StackProcesses.Watched("launcher", 100), new StackProcesses.Watched("operation", 101),
                new StackProcesses.Watched("user", 102), new StackProcesses.Watched("approval", 103)),
                found.processes());
        assertEquals("127.0.0.1:19092", found.bootstrapServers());
        assertTrue(found.brokerInLauncher());
        assertEquals(Optional.of(new StackProcesses.Watched("launcher", 100)), found.broker("127.0.0.1:19092"));
        assertEquals(Optional.empty(), found.broker("kafka.example:9092"), "another Kafka than the stack's");

        assertEquals(List.of(200L, 201L, 202L, 203L), StackProcesses.find(proc.procFs(), 8080, 300).processes()
                .stream().map(StackProcesses.Watched::pid).toList());
    }

    @Test
    void aLauncherGivenAnExternalKafkaIsNoBroker() {
        FakeProc proc = twoStacks(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));

        StackProcesses.Found found = StackProcesses.find(proc.procFs(), 18080, 300);

        assertEquals(4, found.processes().size());
        assertFalse(found.brokerInLauncher());
        assertEquals(Optional.empty(), found.broker("127.0.0.1:19092"));
    }

    @Test
    void nothingServesThePortSoNothingIsMeasured() {
        StackProcesses.Found found = StackProcesses.find(twoStacks(Map.of()).procFs(), 9999, 300);

        assertTrue(found.isEmpty());
        assertTrue(found.how().contains("PORT=9999"), found.how());
    }

    @Test
    void anOperationFunctionStartedByHandIsMeasuredAlone() {
        FakeProc proc = new FakeProc(root)
                .process(50, 1, "bash", Map.of())
                .process(51, 50, JAVA + "baton-operation.jar", Map.of("PORT", "8080"));

        StackProcesses.Found found = StackProcesses.find(proc.procFs(), 8080, 1);

        assertEquals(List.of(new StackProcesses.Watched("operation", 51)), found.processes());
        assertFalse(found.brokerInLauncher());
    }

    @Test
    void recognisesTheLauncherAndTheFunctionsByTheirJar() {
        assertTrue(StackProcesses.isLauncher(List.of("java", "-jar", "/x/baton-local.jar", "up")));
        assertFalse(StackProcesses.isLauncher(List.of("java", "-jar", "/x/baton-local.jar", "help")));
        assertFalse(StackProcesses.isLauncher(List.of("java", "-cp", "/x/baton-local.jar", "up")));
        assertTrue(StackProcesses.isJar(List.of("java", "-jar", "baton-user.jar"), "user"));
        assertFalse(StackProcesses.isJar(List.of("java", "-jar", "baton-user.jar.bak"), "user"));
        assertFalse(StackProcesses.isJar(List.of("java", "-jar"), "user"));
    }

    @Test
    void givenPidsAreTakenAsTheyAre() {
        StackProcesses.Found found = StackProcesses.given(Map.of("launcher", 10L));

        assertEquals(List.of(new StackProcesses.Watched("launcher", 10)), found.processes());
        assertEquals(Optional.of(new StackProcesses.Watched("launcher", 10)), found.broker("any:9092"));
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put(key, value);
        return copy;
    }
}
