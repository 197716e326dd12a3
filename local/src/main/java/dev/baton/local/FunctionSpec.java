package dev.baton.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.baton.eventing.contract.BatonFunction;

/**
 * One child process of the stack.
 *
 * @param name        the prefix of its log lines, e.g. {@code operation}
 * @param port        its HTTP port, given to it as {@code PORT}; 0 for a free one
 * @param command     the command line
 * @param jar         the jar it runs, checked before anything starts; null if the command needs none
 * @param metricsPort the port of its Prometheus scrape, given to it as {@code BATON_METRICS_PORT}; 0 for a free one
 */
public record FunctionSpec(String name, int port, List<String> command, Path jar, int metricsPort) {

    public FunctionSpec {
        command = List.copyOf(command);
    }

    /** With its scrape on a free port. */
    public FunctionSpec(String name, int port, List<String> command, Path jar) {
        this(name, port, command, jar, 0);
    }

    /** {@code java <opts> -jar functions/<fn>/target/baton-<fn>.jar}, on the launcher's own Java. */
    public static FunctionSpec jar(BatonFunction function, Path home, int port, int metricsPort, List<String> javaOpts) {
        String name = function.functionName();
        Path jar = home.resolve("functions").resolve(name).resolve("target").resolve("baton-" + name + ".jar");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(javaOpts);
        command.add("-jar");
        command.add(jar.toString());
        return new FunctionSpec(name, port, command, jar, metricsPort);
    }

    public FunctionSpec withPort(int port) {
        return new FunctionSpec(name, port, command, jar, metricsPort);
    }

    public FunctionSpec withMetricsPort(int metricsPort) {
        return new FunctionSpec(name, port, command, jar, metricsPort);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
