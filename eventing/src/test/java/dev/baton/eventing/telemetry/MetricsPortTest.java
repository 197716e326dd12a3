package dev.baton.eventing.telemetry;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;

class MetricsPortTest {
    /** knative/serving release-1.23, pkg/apis/serving/k8s_validation.go: reservedPorts, plus the function's own 8080. */
    private static final Set<Integer> TAKEN_IN_A_KNATIVE_POD = Set.of(8012, 8013, 8022, 8112, 9090, 9091, 8008, 8080);

    @Test
    void theDefaultScrapePortIsFreeInAKnativePod() {
        int port = Integer.parseInt(MetricsController.DEFAULT_PORT);
        assertFalse(TAKEN_IN_A_KNATIVE_POD.contains(port), port + " is held by queue-proxy or the API in every Knative pod");
    }
}
