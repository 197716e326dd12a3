package dev.baton.testkit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * With {@code -Dbaton.testcontainers=true} and no Docker engine, every integration test class
 * (a {@code @MicronautTest}, or the end-to-end suite) is reported as skipped, saying why, instead of
 * silently falling back to the embedded servers. Registered for every test through JUnit's extension
 * autodetection, switched on in the root pom.
 */
public class ContainersCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!Containers.requested() || !isIntegration(context)) {
            return ConditionEvaluationResult.enabled("embedded servers or not an integration test");
        }
        return Containers.dockerAvailable()
                ? ConditionEvaluationResult.enabled("Kafka and MongoDB containers")
                : ConditionEvaluationResult.disabled(Containers.NO_DOCKER);
    }

    private static boolean isIntegration(ExtensionContext context) {
        return context.getTestClass()
                .map(c -> c.isAnnotationPresent(MicronautTest.class) || c.getPackageName().startsWith("dev.baton.e2e"))
                .orElse(false);
    }
}
