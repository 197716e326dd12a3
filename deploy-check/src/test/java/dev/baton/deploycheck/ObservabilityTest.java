package dev.baton.deploycheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** knative/observability, rendered: valid against the PodMonitor CRD, and fitting both Baton overlays. */
class ObservabilityTest {

    static List<Resource> rendered() {
        return Kustomize.build(Repository.observability());
    }

    /** The Grafana sidecar's dashboard settings the chart is installed with. */
    static Map<String, Object> sidecar() {
        return Maps.map(Yaml.loadOne(Repository.observability().resolve("kube-prometheus-stack-values.yaml")), "grafana", "sidecar", "dashboards");
    }

    static Dashboard dashboard() {
        return Dashboard.load(Repository.observability().resolve("baton-dashboard.json"));
    }

    @Test
    void renderedPiecesAreValidAgainstTheirSchemas() {
        ManifestValidator validator = Crds.validator();
        List<Resource> resources = rendered();
        validator.validate(resources);
        assertEquals(List.of(), validator.errors());
        long podMonitors = resources.stream().filter(r -> r.is("PodMonitor", ObservabilityChecks.PODMONITOR_GROUP)).count();
        assertEquals(5, podMonitors, "three functions, the autoscaler, Strimzi's kafka-exporter");
        for (Resource resource : resources) {
            if (resource.is("PodMonitor", ObservabilityChecks.PODMONITOR_GROUP)) {
                assertTrue(validator.schemaValidated().contains(resource.id()), resource + " was not checked against a schema");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/managed", "overlays/sender-identity"})
    void piecesFitTheDeployment(String overlay) {
        List<Resource> baton = Kustomize.build(Repository.knative().resolve(overlay));
        assertEquals(List.of(), ObservabilityChecks.check(baton, rendered(), Repository.platformResources(), dashboard(), sidecar()));
    }

    @Test
    void terraformAndTheKustomizationInstallTheSameChartValues() {
        HclBlocks module = HclBlocks.read(Repository.root().resolve("terraform/modules/observability"));
        String values = module.ofType("resource").stream().filter(b -> b.address().equals("helm_release.kube_prometheus_stack"))
                .findFirst().orElseThrow().attributes().get("values");
        assertTrue(values.contains("kube-prometheus-stack-values.yaml"), values);
    }
}
