package dev.baton.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of the {@code baton up} stack that serves the benchmarked API: the launcher JVM (which also hosts
 * the embedded Kafka and MongoDB) and its three function JVMs. Found by the API port rather than by jar names alone,
 * because another stack may run on the same machine and its CPU must not be counted.
 */
final class StackProcesses {

    static final String LAUNCHER = "launcher";
    static final List<String> FUNCTIONS = List.of("operation", "user", "approval");

    record Watched(String name, long pid) {
    }

    /**
     * @param processes        empty when nothing was found, and {@code how} says why
     * @param bootstrapServers the Kafka the functions were given, or null when not known (--pids)
     * @param brokerInLauncher whether that Kafka is the launcher's embedded one (with --pids: assumed)
     */
    record Found(List<Watched> processes, String how, String bootstrapServers, boolean brokerInLauncher) {

        static Found none(String why) {
            return new Found(List.of(), why, null, false);
        }

        boolean isEmpty() {
            return processes.isEmpty();
        }

        Optional<Watched> process(String name) {
            return processes.stream().filter(process -> process.name().equals(name)).findFirst();
        }

        /** The broker's process when the baseline runs against the stack's own Kafka, and it is the launcher. */
        Optional<Watched> broker(String baselineBootstrapServers) {
            boolean same = bootstrapServers == null || bootstrapServers.equals(baselineBootstrapServers);
            return brokerInLauncher && same ? process(LAUNCHER) : Optional.empty();
        }
    }

    private StackProcesses() {
    }

    /** Every function child gets its port as {@code PORT}; the operation function's is the API's. */
    static Found find(ProcFs proc, int apiPort, long selfPid) {
        if (!proc.exists()) {
            return Found.none("no /proc on this system");
        }
        List<Long> operations = new ArrayList<>();
        for (long pid : proc.pids()) {
            if (pid != selfPid && isJar(proc.cmdline(pid), "operation")
                    && String.valueOf(apiPort).equals(proc.environ(pid).get("PORT"))) {
                operations.add(pid);
            }
        }
        if (operations.isEmpty()) {
            return Found.none("no baton-operation.jar process with PORT=" + apiPort + " here");
        }
        if (operations.size() > 1) {
            return Found.none("several baton-operation.jar processes with PORT=" + apiPort + " " + operations
                    + "; give --pids");
        }
        long operation = operations.get(0);
        Map<String, String> operationEnv = proc.environ(operation);
        String bootstrap = operationEnv.get("KAFKA_BOOTSTRAP_SERVERS");
        long launcher = proc.stat(operation).map(ProcFs.Stat::parentPid).orElse(-1L);
        if (launcher <= 0 || !isLauncher(proc.cmdline(launcher))) {
            return new Found(List.of(new Watched("operation", operation)),
                    "only the operation function on port " + apiPort + ": its parent is no 'baton-local.jar up'",
                    bootstrap, false);
        }
        List<Watched> found = new ArrayList<>();
        found.add(new Watched(LAUNCHER, launcher));
        for (String function : FUNCTIONS) {
            for (long pid : proc.pids()) {
                if (isJar(proc.cmdline(pid), function)
                        && proc.stat(pid).map(stat -> stat.parentPid() == launcher).orElse(false)) {
                    found.add(new Watched(function, pid));
                    break;
                }
            }
        }
        String launcherKafka = proc.environ(launcher).get("KAFKA_BOOTSTRAP_SERVERS");
        boolean embeddedKafka = launcherKafka == null || launcherKafka.isBlank();
        return new Found(List.copyOf(found),
                "the 'baton up' whose operation function serves port " + apiPort, bootstrap, embeddedKafka);
    }

    /**
     * The function process serving {@code port} ({@code --dispatch}): the {@code baton-<function>.jar} whose
     * {@code PORT} is it, whichever function that is, so that the caller can tell a wrong port from no stack.
     */
    static Optional<Watched> functionOnPort(ProcFs proc, int port, long selfPid) {
        if (!proc.exists()) {
            return Optional.empty();
        }
        for (long pid : proc.pids()) {
            if (pid == selfPid || !String.valueOf(port).equals(proc.environ(pid).get("PORT"))) {
                continue;
            }
            List<String> cmdline = proc.cmdline(pid);
            for (String function : FUNCTIONS) {
                if (isJar(cmdline, function)) {
                    return Optional.of(new Watched(function, pid));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code --pids}: whatever the user names; a process called launcher counts as the broker. */
    static Found given(Map<String, Long> pids) {
        List<Watched> processes = pids.entrySet().stream().map(e -> new Watched(e.getKey(), e.getValue())).toList();
        return new Found(processes, "--pids", null, true);
    }

    static boolean isLauncher(List<String> cmdline) {
        int jar = jarIndex(cmdline);
        return jar >= 0 && fileName(cmdline.get(jar)).equals("baton-local.jar")
                && jar + 1 < cmdline.size() && cmdline.get(jar + 1).equals("up");
    }

    /** {@code java ... -jar .../baton-<function>.jar}; the benchmark itself runs with -cp, so it never matches. */
    static boolean isJar(List<String> cmdline, String function) {
        int jar = jarIndex(cmdline);
        return jar >= 0 && fileName(cmdline.get(jar)).equals("baton-" + function + ".jar");
    }

    private static int jarIndex(List<String> cmdline) {
        int option = cmdline.indexOf("-jar");
        return option >= 0 && option + 1 < cmdline.size() ? option + 1 : -1;
    }

    private static String fileName(String path) {
        Path name = Path.of(path).getFileName();
        return name == null ? "" : name.toString();
    }
}
