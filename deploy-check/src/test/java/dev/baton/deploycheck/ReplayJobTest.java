package dev.baton.deploycheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * knative/replay, the replay tool as a Job in the cluster: it renders, passes the checks next to every
 * deployment it may run beside, runs the image the build makes, and each check rejects the break it is for.
 */
class ReplayJobTest {
    private static final Path REPLAY = Repository.knative().resolve("replay");

    static List<Path> kustomizations() {
        return Repository.kustomizations();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void theJobPassesTheChecksNextToEachDeployment(Path deployment) {
        assertEquals(List.of(), ReplayJobChecks.check(Kustomize.build(REPLAY), Kustomize.build(deployment)));
    }

    @Test
    void itsMetadataAndTopLevelFieldsAreValid() {
        ManifestValidator validator = Crds.validator();
        List<Resource> job = Kustomize.build(REPLAY);
        validator.validate(job);
        assertEquals(List.of(), validator.errors());
        assertEquals("baton", job.get(0).namespace());
        assertTrue(validator.unchecked().stream().allMatch(u -> u.contains("built-in kind")), String.valueOf(validator.unchecked()));
    }

    @Test
    void itRunsTheImageTheLocalModulesJibProfileBuilds() throws IOException {
        String root = Files.readString(Repository.root().resolve("pom.xml"));
        String local = Files.readString(Repository.root().resolve("local/pom.xml"));
        assertTrue(root.contains("<baton.image.registry>dev.local</baton.image.registry>"), "the registry placeholder the images share");
        assertTrue(local.contains("<to><image>${baton.image.registry}/baton-replay:${project.version}</image></to>"), "local/pom.xml builds baton-replay");
        assertTrue(local.contains("dev.baton.local.replay.Replay</entrypoint>"), "and runs the replay tool");
        String project = root.substring(root.indexOf("<artifactId>baton</artifactId>"));
        String version = project.substring(project.indexOf("<version>") + "<version>".length(), project.indexOf("</version>"));
        String image = Maps.string(Kustomize.build(REPLAY).get(0).get("spec", "template", "spec", "containers", 0), "image");
        assertEquals(ReplayJobChecks.IMAGE + ":" + version, image);
    }

    // --- each check bites ------------------------------------------------------------------------

    @Test
    void aTypoedFieldIsAnError() {
        assertProblem(job -> pod(job).put("restartPolcy", "Never"), "spec.template.spec.restartPolcy: unknown field for PodSpec");
        assertProblem(job -> container(job).put("imagePullPolcy", "Always"), "containers[0].imagePullPolcy: unknown field for Container");
        assertProblem(job -> map(container(job), "securityContext").put("runAsNonroot", true), "runAsNonroot: unknown field for SecurityContext");
        assertProblem(job -> env(job, 0).put("valueForm", Map.of()), "env[0].valueForm: unknown field for EnvVar");
    }

    @Test
    void aWrongTypeIsAnError() {
        assertProblem(job -> spec(job).put("ttlSecondsAfterFinished", "a day"), "spec.ttlSecondsAfterFinished: expected an integer");
        assertProblem(job -> container(job).put("args", "--dry-run"), "containers[0].args: expected a list");
    }

    @Test
    void aFailedReplayIsNotRunAgainBlindly() {
        assertProblem(job -> spec(job).put("backoffLimit", 6), "backoffLimit must be 0");
        assertProblem(job -> pod(job).put("restartPolicy", "OnFailure"), "restartPolicy must be Never");
    }

    @Test
    void aReplayEndsAndIsCleanedUp() {
        assertProblem(job -> spec(job).remove("ttlSecondsAfterFinished"), "spec.ttlSecondsAfterFinished must be a positive number");
        assertProblem(job -> spec(job).remove("activeDeadlineSeconds"), "spec.activeDeadlineSeconds must be a positive number");
    }

    @Test
    void anotherImageIsAnError() {
        assertProblem(job -> container(job).put("image", "dev.local/baton-user:0.1.0-SNAPSHOT"), "image must be dev.local/baton-replay");
    }

    @Test
    void kafkaComesFromTheFunctionsConfigAndCredentialsFromSecrets() {
        assertProblem(job -> {
            env(job, 0).remove("valueFrom");
            env(job, 0).put("value", "my-kafka:9092");
        }, "KAFKA_BOOTSTRAP_SERVERS must come from baton-config's kafka.bootstrap.servers");
        assertProblem(job -> map(env(job, 4), "valueFrom").put("secretKeyRef", null), "env MONGODB_URI is a credential and must come from a Secret");
        assertProblem(job -> map(map(env(job, 1), "valueFrom"), "configMapKeyRef").remove("optional"), "which the deployment's ConfigMaps do not have");
        assertProblem(job -> container(job).put("args", List.of("user-create", "--dry-run", "--bootstrap-servers", "my-kafka:9092")),
                "--bootstrap-servers in args");
    }

    @Test
    void rootAndPrivilegeEscalationAreErrors() {
        assertProblem(job -> map(pod(job), "securityContext").remove("runAsNonRoot"), "runAsNonRoot: true");
        assertProblem(job -> map(container(job), "securityContext").put("allowPrivilegeEscalation", true), "allowPrivilegeEscalation: false");
        assertProblem(job -> map(container(job), "resources").remove("limits"), "resources.limits.cpu is not set");
    }

    @Test
    void theKustomizationHoldsTheJobAlone() {
        List<Resource> job = Kustomize.build(REPLAY);
        List<Resource> two = new ArrayList<>(job);
        two.add(job.get(0).copy());
        assertTrue(ReplayJobChecks.check(two, Kustomize.build(Repository.knative().resolve("base"))).get(0).contains("exactly one resource"));
    }

    private static void assertProblem(Consumer<Map<String, Object>> breakIt, String expected) {
        List<Resource> job = new ArrayList<>();
        for (Resource resource : Kustomize.build(REPLAY)) {
            Resource copy = resource.copy();
            breakIt.accept(copy.body());
            job.add(copy);
        }
        List<String> problems = ReplayJobChecks.check(job, Kustomize.build(Repository.knative().resolve("base")));
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem containing '" + expected + "', got " + problems);
    }

    private static Map<String, Object> spec(Map<String, Object> job) {
        return map(job, "spec");
    }

    private static Map<String, Object> pod(Map<String, Object> job) {
        return map(map(spec(job), "template"), "spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> job) {
        return (Map<String, Object>) ((List<Object>) pod(job).get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> job, int index) {
        return (Map<String, Object>) ((List<Object>) container(job).get("env")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}
