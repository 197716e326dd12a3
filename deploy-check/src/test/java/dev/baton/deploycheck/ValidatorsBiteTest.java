package dev.baton.deploycheck;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each validator must reject a broken deployment: the valid local overlay is rendered, one thing is
 * broken, and the error has to name it. A check that passes everything would fail here.
 */
class ValidatorsBiteTest {

    // --- schema: typos, wrong types, unknown kinds -------------------------------------------------

    @Test
    void typoInATypedFieldIsAnError() {
        assertSchemaError(edit("Service", "baton-user", s -> spec(s, "template", "spec").put("containerConcurency", 20)),
                "containerConcurency: unknown field");
    }

    @Test
    void typoDeepInAContainerIsAnError() {
        assertSchemaError(edit("Service", "baton-user", s -> container(s).put("readinesProbe", Map.of())), "readinesProbe: unknown field");
    }

    @Test
    void wrongTypeIsAnError() {
        assertSchemaError(edit("KafkaSource", "baton-user", s -> spec(s, "delivery").put("retry", "five")), "delivery.retry: expected integer");
    }

    @Test
    void annotationThatIsNotAStringIsAnError() {
        assertSchemaError(edit("Service", "baton-user", s -> spec(s, "template", "metadata", "annotations")
                .put("autoscaling.knative.dev/max-scale", 10)), "expected string");
    }

    @Test
    void missingRequiredFieldIsAnError() {
        assertSchemaError(edit("KafkaSink", "user-create-dlq", s -> spec(s).remove("topic")), "missing required field 'topic'");
    }

    @Test
    void unknownKindAndUnservedVersionAreErrors() {
        assertSchemaError(edit("KafkaSource", "baton-user", s -> s.put("kind", "KafkaSorce")), "unknown kind");
        assertSchemaError(edit("KafkaSink", "user-create-dlq", s -> s.put("apiVersion", "eventing.knative.dev/v1")), "is not served");
    }

    @Test
    void metadataTypoAndBadNameAreErrors() {
        assertSchemaError(edit("KafkaTopic", "user-create", s -> map(s, "metadata").put("lables", Map.of())), "metadata.lables");
        assertSchemaError(edit("KafkaSink", "user-create-dlq", s -> map(s, "metadata").put("name", "User_Create")), "not a DNS subdomain");
    }

    @Test
    void configMapValueThatIsNotAStringIsAnError() {
        assertSchemaError(edit("ConfigMap", "baton-dead-letters-broker", s -> map(s, "data").put("default.topic.partitions", 1)),
                "ConfigMap values must be strings");
    }

    // --- semantics: references, contract, webhook rules -------------------------------------------

    @Test
    void sinkToAMissingServiceIsAProblem() {
        assertProblem(edit("KafkaSource", "baton-user", s -> spec(s, "sink", "ref").put("name", "baton-users")), "baton-users");
    }

    @Test
    void topicNotInTheContractIsAProblem() {
        assertProblem(edit("KafkaSource", "baton-user", s -> list(spec(s), "topics").add("user-delete")), "user-delete");
        assertProblem(edit("KafkaTopic", "user-create", s -> map(s, "metadata").put("name", "user-delete")), "user-delete");
    }

    @Test
    void webhookRulesAreEnforced() {
        assertProblem(edit("KafkaSource", "baton-approval", s -> spec(s).put("initialOffset", "oldest")), "initialOffset 'oldest'");
        assertProblem(edit("KafkaSource", "baton-approval", s -> spec(s).put("ordering", "random")), "ordering 'random'");
    }

    @Test
    void consumerGroupMustBeLocalDeliverysGroup() {
        assertProblem(edit("KafkaSource", "baton-user", s -> spec(s).put("consumerGroup", "baton-user-v2")), "differs from local delivery's baton-user");
    }

    @Test
    void visibilityIsAsSpecified() {
        assertProblem(edit("Service", "baton-user", s -> map(s, "metadata", "labels").remove(ContractChecks.VISIBILITY)), "must be cluster-local");
        assertProblem(edit("Service", "baton-operation", s -> map(s, "metadata", "labels").put(ContractChecks.VISIBILITY, "cluster-local")),
                "must be public");
    }

    @Test
    void deadLettersMustReachTheirOwnTopic() {
        assertProblem(edit("Trigger", "user-create-dlq", s -> list(map(list(spec(s), "filters").get(0)), "any").remove(1)),
                "lands in [], not [user-create.dlq]");
        assertProblem(edit("Trigger", "user-create-dlq", s -> spec(s, "subscriber", "ref").put("name", "user-approve-dlq")),
                "lands in [user-approve.dlq], not [user-create.dlq]");
    }

    @Test
    void secretsAndPlainCredentialsAreProblems() {
        List<Resource> resources = render();
        Map<String, Object> secret = new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "baton-mongodb", "namespace", "baton"), "stringData", Map.of("uri", "mongodb://x")));
        resources.add(new Resource(secret, "test"));
        assertProblem(resources, "Secrets must not be in the repository");
        assertProblem(edit("Service", "baton-user", s -> env(s, "MONGODB_URI").put("value", "mongodb://user:pw@db")), "must come from a Secret");
    }

    @Test
    void missingConfigKeyIsAProblem() {
        assertProblem(edit("ConfigMap", "baton-config", s -> map(s, "data").remove("approval.work.time")), "missing ConfigMap key");
    }

    @Test
    void disagreeingBootstrapServersAreAProblem() {
        assertProblem(edit("KafkaSink", "user-approve-dlq", s -> list(spec(s), "bootstrapServers").set(0, "other:9092")), "disagree");
    }

    @Test
    void scalingAndDeliveryBoundsAreEnforced() {
        assertProblem(edit("KafkaSource", "baton-approval", s -> map(s, "metadata", "annotations")
                .put("autoscaling.eventing.knative.dev/max-scale", "20")), "exceeds the 6 partitions");
        assertProblem(edit("KafkaSource", "baton-approval", s -> spec(s, "delivery").put("timeout", "PT5S")), "shorter than");
        assertProblem(edit("Service", "baton-approval", s -> spec(s, "template", "metadata", "annotations")
                .put("autoscaling.knative.dev/min-scale", "1")), "must scale to zero");
    }

    @Test
    void kedaAnnotationThatDoesNothingIsAProblem() {
        assertProblem(edit("KafkaSource", "baton-approval", s -> map(s, "metadata", "annotations")
                .put("autoscaling.eventing.knative.dev/activation-lag-threshold", "0")), "is not read by the eventing-kafka KEDA autoscaler");
    }

    @Test
    void triggerWithoutADeliberateAutoscalingClassIsAProblem() {
        assertProblem(edit("Trigger", "user-create-dlq", s -> map(s, "metadata", "annotations").remove("autoscaling.eventing.knative.dev/class")),
                "class must be set on purpose");
    }

    @Test
    void networkPolicyMustCoverTheInternalFunctions() {
        assertProblem(edit("NetworkPolicy", "baton-internal-functions", s -> list(map(list(spec(s, "podSelector"), "matchExpressions").get(0)),
                "values").remove("baton-approval")), "no NetworkPolicy selects exactly");
    }

    @Test
    void metricsPortTakenByQueueProxyIsAProblem() {
        assertProblem(edit("ConfigMap", "baton-config", s -> map(s, "data").put("metrics.port", "9090")),
                "BATON_METRICS_PORT 9090 is taken in a revision pod");
        assertProblem(edit("Service", "baton-user", s -> withoutEnv(s, "BATON_METRICS_PORT")), "BATON_METRICS_PORT must be a port number");
    }

    @Test
    void networkPolicyOpeningAnotherPortOrReaderIsAProblem() {
        assertProblem(edit("NetworkPolicy", "baton-internal-functions", s -> map(list(map(list(spec(s), "ingress").get(2)), "ports").get(0))
                .put("port", 8080)), "port 8080 is opened, but only");
        assertProblem(edit("NetworkPolicy", "baton-internal-functions", s -> map(list(map(list(spec(s), "ingress").get(2)), "from").get(0),
                "podSelector", "matchLabels").put("app.kubernetes.io/name", "grafana")), "is for Prometheus");
        assertProblem(edit("NetworkPolicy", "baton-internal-functions", s -> map(list(map(list(spec(s), "ingress").get(1)), "from").get(0),
                "namespaceSelector", "matchLabels").put("kubernetes.io/metadata.name", "default")), "is for the autoscaler in knative-serving");
    }

    // --- exposure: no event sink on a public route ------------------------------------------------

    @Test
    void sourceDeliveringToThePublicServiceIsAProblem() {
        assertProblem(edit("KafkaSource", "baton-operation", s -> spec(s, "sink", "ref").put("name", "baton-operation")),
                "is public; an event sink must be cluster-local");
    }

    @Test
    void publicServiceServingEventsIsAProblem() {
        assertProblem(edit("Service", "baton-operation", s -> withoutEnv(s, "BATON_EVENTS_ENABLED")), "public, so it must not serve events");
        List<Resource> publicSink = edit("Service", "baton-operation-events", s -> map(s, "metadata", "labels").remove(ContractChecks.VISIBILITY));
        assertProblem(publicSink, "public, so it must not serve events");
        assertProblem(publicSink, "is public; an event sink must be cluster-local");
    }

    @Test
    void sinkServingTheClientApiOrNoEventsIsAProblem() {
        assertProblem(edit("Service", "baton-operation-events", s -> withoutEnv(s, "BATON_API_ENABLED")), "must not serve the client API");
        assertProblem(edit("Service", "baton-user", s -> list(container(s), "env")
                .add(new LinkedHashMap<>(Map.of("name", "BATON_EVENTS_ENABLED", "value", "false")))), "but BATON_EVENTS_ENABLED is false");
    }

    @Test
    void loopbackBindingIsAProblem() {
        assertProblem(edit("Service", "baton-user", s -> withoutEnv(s, "BATON_HOST")), "BATON_HOST must be 0.0.0.0");
    }

    @Test
    void anExtraPeerChangesWhoMayReachAFunction() {
        List<Resource> widened = edit("NetworkPolicy", "baton-internal-functions", s -> list(map(list(spec(s), "ingress").get(0)), "from")
                .add(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "knative-eventing")))));
        assertTrue(NetworkPolicyPeers.allowedInto(widened, "baton", "baton-user").contains("namespace knative-eventing, pods all"));
        assertEquals(java.util.Set.of(NetworkPolicyPeers.ANY), NetworkPolicyPeers.allowedInto(render(), "baton", "baton-operation"));
    }

    @Test
    void networkPolicyAdmittingAWholeNamespaceIsAProblem() {
        assertProblem(edit("NetworkPolicy", "baton-internal-functions", s -> map(list(map(list(spec(s), "ingress").get(0)), "from").get(1))
                .remove("podSelector")), "every ingress peer must name one namespace");
        assertProblem(edit("NetworkPolicy", "baton-internal-functions", s -> map(list(map(list(spec(s), "ingress").get(0)), "from").get(0),
                "podSelector", "matchLabels").put("app", "controller")), "only the activator");
    }

    // --- observability: what Prometheus scrapes and what the dashboard names --------------------------

    @Test
    void podMonitorScrapingTheWrongPortIsAProblem() {
        assertObservabilityProblem(monitor("baton-user", m -> relabeling(m, 0).put("replacement", "$1:8080")), render(),
                "scrapes port 8080, but the functions serve metrics on 9095");
        assertObservabilityProblem(monitor("baton-user", m -> endpoint(m).put("port", "http1")), render(),
                "must select the target of the declared port user-port");
        assertObservabilityProblem(monitor("baton-user", m -> list(endpoint(m), "relabelings").remove(0)), render(),
                "no relabeling moves the target to the metrics port");
    }

    @Test
    void podMonitorSelectingNoFunctionOrOneTwiceIsAProblem() {
        List<Resource> typo = monitor("baton-approval", m -> list(map(list(spec(m, "selector"), "matchExpressions").get(0)), "values")
                .set(0, "baton-aproval"));
        assertObservabilityProblem(typo, render(), "selects the pods of no Baton function");
        assertObservabilityProblem(typo, render(), "baton-approval is scraped by 0 PodMonitors");
        assertObservabilityProblem(monitor("baton-user", m -> list(map(list(spec(m, "selector"), "matchExpressions").get(0)), "values")
                .add("baton-approval")), render(), "baton-approval is scraped by 2 PodMonitors");
    }

    @Test
    void platformMonitorsMustSelectWhatThePlatformRuns() {
        assertObservabilityProblem(monitor("knative-autoscaler", m -> spec(m, "selector", "matchLabels").put("app", "activator")), render(),
                "must select the autoscaler's pods");
        assertObservabilityProblem(monitor("kafka-exporter", m -> spec(m, "selector", "matchLabels").put("strimzi.io/name", "baton-kafka-exporter")),
                render(), "expected one PodMonitor selecting its kafka-exporter pod");
        List<Resource> platform = new ArrayList<>(Repository.platformResources());
        platform.replaceAll(r -> r.is("Kafka", "kafka.strimzi.io") ? withoutExporter(r) : r);
        List<String> problems = ObservabilityChecks.check(render(), observability(), platform, ObservabilityTest.dashboard(), ObservabilityTest.sidecar());
        assertTrue(problems.stream().anyMatch(p -> p.contains("no kafkaExporter")), problems.toString());
    }

    @Test
    void networkPolicyWithoutPrometheusIsAProblem() {
        List<Resource> closed = edit("NetworkPolicy", "baton-internal-functions", s -> list(spec(s), "ingress").remove(2));
        assertObservabilityProblem(observability(), closed, "does not let Prometheus");
    }

    @Test
    void dashboardConfigMapTheSidecarIgnoresIsAProblem() {
        List<Resource> pieces = observability();
        KustomizeTest.one(pieces, "ConfigMap", "baton-dashboard").labels().put("grafana_dashboard", "0");
        assertObservabilityProblem(pieces, render(), "expected one ConfigMap labelled grafana_dashboard: \"1\"");
    }

    @Test
    void dashboardNamingOtherServicesTopicsOrGroupsIsAProblem() {
        assertDashboardProblem(d -> ((Map<String, Object>) ((List<Object>) map(d, "templating").get("list")).get(1))
                .put("query", "baton-operation,baton-user,baton-approval"), "dashboard variable service lists");
        assertDashboardProblem(d -> DashboardTest.target(d, 2, 0).put("expr",
                "sum by (topic) (rate(kafka_topic_partition_current_offset{topic=~\"user-craete|user-approve\"}[5m]))"), "not the contract's topics");
        assertDashboardProblem(d -> DashboardTest.target(d, 3, 0).put("expr",
                "sum(kafka_consumergroup_lag{consumergroup=~\"baton-user\"})"), "not the KafkaSources' consumer groups");
    }

    @Test
    void oneOfIsEnforcedOnStrimziSchemas() {
        List<Resource> platform = new ArrayList<>(Repository.platformResources());
        Resource kafka = platform.stream().filter(r -> r.is("Kafka", "kafka.strimzi.io")).findFirst().orElseThrow();
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("container", Map.of("env", List.of(Map.of("name", "A", "value", "a",
                "valueFrom", Map.of("secretKeyRef", Map.of("name", "s", "key", "k"))))));
        map(kafka.body(), "spec", "kafkaExporter").put("template", template);
        ManifestValidator validator = Crds.validator().validate(platform);
        assertTrue(validator.errors().stream().anyMatch(e -> e.contains("must match exactly one of")), validator.errors().toString());
    }

    private static List<Resource> observability() {
        return new ArrayList<>(ObservabilityTest.rendered());
    }

    private static List<Resource> monitor(String name, Consumer<Map<String, Object>> change) {
        List<Resource> pieces = observability();
        change.accept(KustomizeTest.one(pieces, "PodMonitor", name).body());
        return pieces;
    }

    private static Map<String, Object> endpoint(Map<String, Object> monitor) {
        return map(list(spec(monitor), "podMetricsEndpoints").get(0));
    }

    private static Map<String, Object> relabeling(Map<String, Object> monitor, int index) {
        return map(list(endpoint(monitor), "relabelings").get(index));
    }

    private static Resource withoutExporter(Resource kafka) {
        Resource copy = kafka.copy();
        map(copy.body(), "spec").remove("kafkaExporter");
        return copy;
    }

    private static void assertObservabilityProblem(List<Resource> pieces, List<Resource> baton, String expected) {
        List<String> problems = ObservabilityChecks.check(baton, pieces, Repository.platformResources(), ObservabilityTest.dashboard(),
                ObservabilityTest.sidecar());
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    private static void assertDashboardProblem(Consumer<Map<String, Object>> change, String expected) {
        List<String> problems = ObservabilityChecks.check(render(), observability(), Repository.platformResources(), DashboardTest.broken(change),
                ObservabilityTest.sidecar());
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    // --- kn: deprecated flag aliases -------------------------------------------------------------

    @Test
    void deprecatedKnConcurrencyFlagsAreRefused() {
        for (String flag : List.of("--concurrency-target 10", "--concurrency-utilization 70")) {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> KnServiceFlags.toService(ShellWords.split("kn service apply s -n baton " + flag)));
            assertTrue(refused.getMessage().contains("deprecated alias: use --scale-"), refused.getMessage());
        }
    }

    // --- terraform: what breaks a plan or a second apply ------------------------------------------

    @Test
    void moduleDependsOnIsAProblem(@TempDir Path dir) throws IOException {
        List<String> problems = terraformRoot(dir, """
                resource "terraform_data" "cluster" {
                  input = "x"
                }

                module "baton" {
                  source      = "%s"
                  mongodb_uri = "mongodb://x"
                  depends_on  = [terraform_data.cluster]
                }
                """);
        assertTrue(problems.stream().anyMatch(p -> p.contains("module baton has depends_on")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("kustomization_resource.baton: for_each is unknown until apply")), problems.toString());
    }

    @Test
    void moduleInputUnknownUntilApplyBreaksItsForEach(@TempDir Path dir) throws IOException {
        String root = """
                resource "azurerm_container_registry" "baton" {
                  name = "batonregistry"
                }

                module "baton" {
                  source         = "%s"
                  mongodb_uri    = "mongodb://x"
                  image_registry = "${azurerm_container_registry.baton.ATTRIBUTE}/baton"
                }
                """;
        List<String> problems = terraformRoot(dir, root.replace("ATTRIBUTE", "login_server"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("kustomization_resource.baton: for_each is unknown until apply")), problems.toString());
        // The registry's name is set in the configuration, so a host derived from it is known at plan.
        assertEquals(List.of(), terraformRoot(dir, root.replace("ATTRIBUTE", "name").replace("}/baton", "}.azurecr.io/baton")));
    }

    @Test
    void forEachOverADataSourceWithDependsOnIsAProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "x"
                }

                data "http" "docs" {
                  url        = "https://example.com"
                  depends_on = [terraform_data.a]
                }

                locals {
                  docs = { for k, v in data.http.docs.response_headers : k => v }
                }

                resource "terraform_data" "each" {
                  for_each = local.docs
                  input    = each.value
                }
                """);
        List<String> problems = TerraformPlanChecks.check(dir);
        assertTrue(problems.stream().anyMatch(p -> p.contains("terraform_data.each: for_each is unknown until apply")), problems.toString());
    }

    @Test
    void kindProviderAndNodeImageMustMatch(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                terraform {
                  required_providers {
                    kind = {
                      source  = "tehcyx/kind"
                      version = "0.6.0"
                    }
                  }
                }
                variable "node_image" {
                  type        = string
                  description = "image"
                  default     = "kindest/node:v1.34.0"
                }
                """);
        List<String> problems = TerraformChecks.check(Terraform.parse(dir));
        assertTrue(problems.stream().anyMatch(p -> p.contains("vendors kind v0.24.0 but kindest/node:v1.34.0 is built for kind v0.30.0")),
                problems.toString());
    }

    @Test
    void forcingAKeyTheReleaseDocumentOwnsIsAProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "kubernetes_config_map_v1_data" "kafka_features" {
                  metadata {
                    name      = "config-kafka-features"
                    namespace = "knative-eventing"
                  }
                  data = {
                    "controller-autoscaler-keda" = "enabled"
                  }
                  force = true
                }
                """);
        List<String> problems = TerraformChecks.check(Terraform.parse(dir));
        assertTrue(problems.stream().anyMatch(p -> p.contains("sets controller-autoscaler-keda of config-kafka-features")), problems.toString());
    }

    @Test
    void unformattedTerraformIsAProblem(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(TerraformFmt.available(), "terraform is not on the PATH, so `terraform fmt -check` cannot be shown to bite");
        Files.writeString(dir.resolve("main.tf"), "locals {\n  a = 1\n  bb   = 2\n}\n");
        assertEquals(List.of("main.tf"), TerraformFmt.unformatted(dir));
    }

    private static List<String> terraformRoot(Path dir, String mainTf) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path module = root.relativize(Repository.root().resolve("terraform/modules/baton"));
        Files.writeString(root.resolve("main.tf"), mainTf.replace("%s", module.toString()));
        return TerraformPlanChecks.check(root);
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static List<Resource> render() {
        return new ArrayList<>(Kustomize.build(Repository.knative().resolve("overlays/local")));
    }

    private static List<Resource> edit(String kind, String name, Consumer<Map<String, Object>> change) {
        List<Resource> resources = render();
        Resource target = KustomizeTest.one(resources, kind, name);
        change.accept(target.body());
        return resources;
    }

    private static void assertSchemaError(List<Resource> resources, String expected) {
        ManifestValidator validator = Crds.validator().validate(resources);
        assertFalse(validator.errors().isEmpty(), "no schema error for a broken manifest");
        assertTrue(validator.errors().stream().anyMatch(e -> e.contains(expected)), "expected '" + expected + "' in " + validator.errors());
    }

    private static void assertProblem(List<Resource> resources, String expected) {
        List<String> problems = ContractChecks.check(resources);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    private static Map<String, Object> spec(Map<String, Object> body, String... path) {
        Map<String, Object> current = map(body, "spec");
        return path.length == 0 ? current : map(current, path);
    }

    private static Map<String, Object> container(Map<String, Object> ksvc) {
        return map(list(spec(ksvc, "template", "spec"), "containers").get(0));
    }

    private static void withoutEnv(Map<String, Object> ksvc, String name) {
        assertTrue(list(container(ksvc), "env").removeIf(e -> name.equals(map(e).get("name"))), "no env " + name);
    }

    private static Map<String, Object> env(Map<String, Object> ksvc, String name) {
        Map<String, Object> env = list(container(ksvc), "env").stream().map(ValidatorsBiteTest::map)
                .filter(e -> name.equals(e.get("name"))).findFirst().orElseThrow();
        env.remove("valueFrom");
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object root, String... path) {
        Object current = root;
        for (String step : path) {
            current = ((Map<String, Object>) current).get(step);
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        return (List<Object>) parent.get(key);
    }
}
