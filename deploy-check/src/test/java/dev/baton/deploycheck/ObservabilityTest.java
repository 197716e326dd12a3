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

    /**
     * One chart version everywhere: the Terraform default, the helm commands of docs/deploy.md, and the
     * tag the PodMonitor CRD in the test resources was taken from (so the schema is the one installed).
     */
    @Test
    void chartVersionsAgreeWithTheDocsAndTheCrdSources() {
        Map<String, Object> variables = Terraform.parse(Repository.root().resolve("terraform/modules/observability")).blocks("variable");
        String stack = Maps.string(variables, "kube_prometheus_stack_chart_version", "default");
        String exporter = Maps.string(variables, "kafka_exporter_chart_version", "default");
        String deployDoc = Yaml.read(Repository.root().resolve("docs/deploy.md"));
        assertTrue(deployDoc.contains("prometheus-community/kube-prometheus-stack --version " + stack), "docs/deploy.md installs another kube-prometheus-stack than " + stack);
        assertTrue(deployDoc.contains("prometheus-community/prometheus-kafka-exporter --version " + exporter), "docs/deploy.md installs another kafka-exporter chart than " + exporter);
        assertTrue(Yaml.read(Crds.projectCrds().resolve("SOURCES.md")).contains("kube-prometheus-stack-" + stack),
                "the PodMonitor CRD is not from kube-prometheus-stack " + stack + ": replace it (crds/SOURCES.md)");
    }

    @Test
    void terraformAndTheKustomizationInstallTheSameChartValues() {
        HclBlocks module = HclBlocks.read(Repository.root().resolve("terraform/modules/observability"));
        String values = module.ofType("resource").stream().filter(b -> b.address().equals("helm_release.kube_prometheus_stack"))
                .findFirst().orElseThrow().attributes().get("values");
        assertTrue(values.contains("kube-prometheus-stack-values.yaml"), values);
        assertEquals("\"${local.manifests_dir}/observability\"", module.locals().get("observability"));
        String built = module.ofType("data").stream().filter(b -> b.address().equals("kustomization_build.observability"))
                .findFirst().orElseThrow().attributes().get("path");
        assertEquals("local.observability", built, "Terraform must apply the folder `kubectl apply -k` applies");
    }
}
