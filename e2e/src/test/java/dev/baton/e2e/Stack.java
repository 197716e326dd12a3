package dev.baton.e2e;

import dev.baton.local.LocalStack;
import dev.baton.local.StackConfig;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TraceReceiver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole local stack, as {@code baton up} runs it (the real function jars as child processes,
 * a real Kafka broker, a MongoDB-protocol server), on free ports and temporary directories; one per test JVM.
 * With {@code -Dbaton.testcontainers=true} the functions use Kafka and MongoDB containers instead.
 * Tracing is on, exported over OTLP to a {@link TraceReceiver} in this JVM, so the tests also run the
 * functions as a traced deployment does.
 */
final class Stack {
    private static LocalStack stack;
    private static TraceReceiver traces;

    private Stack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            Map<String, String> servers = SharedServers.usingContainers()
                    ? Map.of("KAFKA_BOOTSTRAP_SERVERS", SharedServers.kafkaBootstrapServers(), "MONGODB_URI", SharedServers.mongoUri())
                    : Map.of();
            traces = TraceReceiver.start();
            StackConfig config = StackConfig.fromEnv(servers, Path.of(""))
                    .isolated()
                    .withChildEnv(Map.of("BATON_LOG_LEVEL", "WARN",
                            "OTEL_TRACES_EXPORTER", "otlp",
                            "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                            "OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
                            // Exported within a fifth of a second, so a test need not wait for the default 5 s batch.
                            "OTEL_BSP_SCHEDULE_DELAY", "200"))
                    .withReadinessTimeout(Duration.ofSeconds(120));
            stack = LocalStack.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                traces.close();
            }, "e2e-stack-stop"));
        }
        return stack;
    }

    /** What the stack's functions exported. */
    static synchronized TraceReceiver traces() {
        get();
        return traces;
    }
}
