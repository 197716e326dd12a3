package dev.baton.local;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/** {@code java -jar baton-local.jar up|help}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "up" -> System.exit(up(StackConfig.fromEnv(System.getenv(), Path.of("")), System.out));
            case "help", "-h", "--help" -> help(System.out);
            default -> {
                System.err.println("unknown command: " + command);
                help(System.err);
                System.exit(2);
            }
        }
    }

    static int up(StackConfig config, PrintStream out) throws InterruptedException {
        LocalStack stack;
        try {
            stack = LocalStack.start(config, out);
        } catch (StackException e) {
            out.println("[baton] " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stack, out), "baton-shutdown"));
        printReady(out, config, stack);

        LocalStack.FunctionExit exit;
        try {
            exit = stack.unexpectedExit().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        RestartPolicy restarts = config.restarts();
        out.println("[baton] " + exit.name() + " crashed " + restarts.maxCrashes() + " times within "
                + restarts.window().toSeconds() + " s (last exit code " + exit.exitCode() + "); giving up, stopping everything");
        stop(stack, out);
        return 1;
    }

    /** Runs at most once with effect: on Ctrl-C from the shutdown hook, or after a function crashed too often. */
    private static synchronized void stop(LocalStack stack, PrintStream out) {
        try {
            if (stack.awaitClosing(Duration.ZERO)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long started = System.nanoTime();
        out.println("[baton] stopping");
        stack.close();
        out.printf(Locale.ROOT, "[baton] stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void printReady(PrintStream out, StackConfig config, LocalStack stack) {
        double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        String api = stack.apiUrl().replace("127.0.0.1", "localhost");
        String host = api.substring("http://".length());
        out.printf(Locale.ROOT, """

                Baton is up after %.1f s.
                  API      %s
                  Kafka    %s
                  MongoDB  %s
                  Data     %s
                  Metrics  %s

                Try:
                  curl -si -X POST %s/users -H 'Content-Type: application/json' -d '{"name":"Ada","email":"ada@example.com"}'
                  curl -s '%s/operations/<id>?wait=10s'
                  curl -s -X POST %s/operation/create/user-create -H 'Content-Type: application/json' -d '{"name": "hans"}'

                Stop with Ctrl-C.

                """, seconds, api, stack.kafkaBootstrapServers(), stack.mongoUri(),
                config.dataDir() == null ? "temporary" : config.dataDir(), metrics(config, stack), host, host, host);
    }

    /** One line per function: where Prometheus (or curl) reads its meters. */
    static String metrics(StackConfig config, LocalStack stack) {
        StringBuilder lines = new StringBuilder();
        for (FunctionSpec spec : config.functions()) {
            if (!lines.isEmpty()) {
                lines.append("\n           ");
            }
            lines.append(String.format(Locale.ROOT, "%-10s%s", spec.name(), stack.metricsUrl(spec.name()).replace("127.0.0.1", "localhost")));
        }
        return lines.toString();
    }

    private static void help(PrintStream out) {
        out.print("""
                usage: java -jar local/target/baton-local.jar <command>

                  up     start Kafka and MongoDB in this JVM and the three functions as child processes;
                         restarts a function that crashes, and stops everything once one crashes
                         %d times within %d s; Ctrl-C stops everything
                  help   this text

                Environment of 'up':
                  BATON_HOME               repository root with functions/ (default: found from the current directory)
                  BATON_PORT               port of the operation function, which serves the API (default 8080)
                  BATON_USER_PORT          port of the user function (default 8081)
                  BATON_APPROVAL_PORT      port of the approval function (default 8082)
                  BATON_OPERATION_METRICS_PORT, BATON_USER_METRICS_PORT, BATON_APPROVAL_METRICS_PORT
                                           ports of each function's Prometheus scrape, /metrics (default 9180, 9181, 9182)
                  BATON_DATA_DIR           where Kafka's log and MongoDB's journal are kept (default .baton/)
                  BATON_MONGO_STORAGE      journal (default: in memory, journaled) or memory (nothing kept)
                  BATON_KAFKA_PORT         port of the embedded Kafka (default 9092)
                  BATON_MONGO_PORT         port of the embedded MongoDB (default 27017)
                  BATON_TOPIC_PARTITIONS   partitions per topic (default 6)
                  BATON_JAVA_OPTS          JVM options of each function (default: %s)
                  KAFKA_BOOTSTRAP_SERVERS  use this Kafka instead of the embedded one
                  MONGODB_URI              use this MongoDB instead of the embedded one
                  BATON_*                  passed on to the functions, e.g. BATON_APPROVAL_WORK_TIME=200ms

                Data of the embedded Kafka and MongoDB stays in .baton/ under the repository root; what
                was acknowledged survives a kill -9 of the stack.
                """.formatted(RestartPolicy.DEFAULT.maxCrashes(), RestartPolicy.DEFAULT.window().toSeconds(),
                        String.join(" ", StackConfig.DEFAULT_JAVA_OPTS)));
    }
}
