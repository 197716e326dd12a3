package dev.baton.e2e;

import dev.baton.local.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * knative/kn-baton as kn runs a plugin: an executable named kn-baton on the PATH (here a link to it, as
 * docs/replay.md sets it up), given the arguments after {@code kn baton}, running the built replay tool.
 */
class KnPluginTest {
    private static final Path HOME = StackConfig.fromEnv(java.util.Map.of(), Path.of("")).home();

    @TempDir
    Path bin;

    @Test
    void replayThroughALinkOnThePathRunsTheToolWithItsHelpAndExitCodes() throws Exception {
        Path plugin = Files.createSymbolicLink(bin.resolve("kn-baton"), HOME.resolve("knative/kn-baton"));

        Result help = run(plugin, "replay", "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("./baton replay rebuild operations|users"), help.output());

        Result usage = run(plugin, "replay", "rebuild", "accounts");
        assertEquals(2, usage.exitCode(), usage.output());
        assertTrue(usage.output().contains("rebuild operations or rebuild users"), usage.output());

        Result unknown = run(plugin, "replya");
        assertEquals(2, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("unknown command 'replya'"), unknown.output());
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(Path plugin, String... args) throws IOException, InterruptedException {
        Path jar = HOME.resolve("local/target/baton-local.jar");
        assertTrue(Files.isRegularFile(jar), "the launcher jar is built before the e2e tests: " + jar);
        List<String> command = new java.util.ArrayList<>(List.of(plugin.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + bin + ":/usr/bin:/bin");
        builder.environment().put("BATON_REPLAY_JAR", jar.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kn-baton did not end: " + output);
        return new Result(process.exitValue(), output);
    }
}
