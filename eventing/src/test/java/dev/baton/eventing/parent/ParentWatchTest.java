package dev.baton.eventing.parent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentWatchTest {

    @TempDir
    Path dir;

    @Test
    void aChildExitsSoonAfterItsParentIsKilled() throws Exception {
        Path childLog = dir.resolve("child.log");
        Process parent = new ProcessBuilder(java(Spawner.class.getName(), childLog.toString()))
                .redirectErrorStream(true).start();
        try {
            long childPid;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                childPid = Long.parseLong(lines.readLine().trim());
            }
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() -> read(childLog).contains("watching " + parent.pid()));

            parent.destroyForcibly();

            await().atMost(Duration.ofSeconds(10)).until(() -> !child.isAlive());
            assertTrue(read(childLog).contains("parent gone"), read(childLog));
        } finally {
            parent.destroyForcibly();
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void theBeanWatchesOnlyWhenEnabled() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("baton.parent-watch.enabled", "true"))) {
            assertEquals(ProcessHandle.current().parent().orElseThrow().pid(),
                    context.getBean(ExitWithParent.class).parentPid());
        }
        try (ApplicationContext context = ApplicationContext.run()) {
            assertFalse(context.containsBean(ExitWithParent.class));
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static List<String> java(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts a {@link Watcher} with its output in the file {@code args[0]}, prints its pid, and waits. */
    public static final class Spawner {
        public static void main(String[] args) throws Exception {
            Process child = new ProcessBuilder(java(Watcher.class.getName()))
                    .redirectErrorStream(true).redirectOutput(Path.of(args[0]).toFile()).start();
            System.out.println(child.pid());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    /** Watches its parent as a function would, and says so in its output. */
    public static final class Watcher {
        public static void main(String[] args) throws Exception {
            ParentWatch watch = ParentWatch.start(Duration.ofMillis(100), () -> {
                System.out.println("parent gone");
                System.exit(0);
            });
            System.out.println("watching " + watch.parentPid());
            new CountDownLatch(1).await();
        }
    }
}
