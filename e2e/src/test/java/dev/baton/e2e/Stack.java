package dev.baton.e2e;

import dev.baton.local.LocalStack;
import dev.baton.local.StackConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole local stack, as {@code baton up} runs it (the real function jars as child processes,
 * a real Kafka broker, a MongoDB-protocol server), on free ports and temporary directories; one per test JVM.
 */
final class Stack {
    private static LocalStack stack;

    private Stack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            StackConfig config = StackConfig.fromEnv(Map.of(), Path.of(""))
                    .isolated()
                    .withChildEnv(Map.of("BATON_LOG_LEVEL", "WARN"))
                    .withReadinessTimeout(Duration.ofSeconds(120));
            stack = LocalStack.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
        }
        return stack;
    }
}
