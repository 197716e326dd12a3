package dev.baton.deploycheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kn deployment path creates exactly what the kustomize path creates. */
class KnDeployDryRunTest {

    @ParameterizedTest
    @ValueSource(strings = {"local", "managed"})
    void dryRunCreatesTheSameResourcesAsTheOverlay(String overlay) throws Exception {
        KnDryRun dryRun = KnDryRun.parse(dryRun(overlay));
        List<Resource> rendered = Kustomize.build(Repository.knative().resolve("overlays/" + overlay));
        assertEquals(4, dryRun.services().size(), "one kn service apply per Service: the functions, and the operation's sink");
        assertEquals(List.of(), KnDryRun.differences(rendered, dryRun.all()));
        // The kn path is validated like the YAML: the same contract checks apply to what it creates.
        assertEquals(List.of(), ContractChecks.check(dryRun.all()));
    }

    @Test
    void dryRunOnlyChecksForSecretsAndCreatesTheNamespaceBesides() throws Exception {
        List<String> other = KnDryRun.parse(dryRun("managed")).otherCommands();
        assertEquals(List.of("kubectl create namespace baton --dry-run=client -o yaml | kubectl apply -f -",
                "kubectl get secret -n baton baton-mongodb", "kubectl get secret -n baton baton-kafka"), other);
    }

    @Test
    void comparisonNoticesADifferentValue() throws Exception {
        KnDryRun dryRun = KnDryRun.parse(dryRun("local"));
        List<Resource> rendered = new ArrayList<>(Kustomize.build(Repository.knative().resolve("overlays/local")));
        Resource user = KustomizeTest.one(rendered, "Service", "baton-user");
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations = (Map<String, Object>) user.get("spec", "template", "metadata", "annotations");
        annotations.put("autoscaling.knative.dev/max-scale", "11");
        Resource sink = KustomizeTest.one(rendered, "KafkaSink", "user-create-dlq");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) sink.get("spec");
        spec.put("topic", "user-create.dead");
        List<String> differences = KnDryRun.differences(rendered, dryRun.all());
        assertEquals(2, differences.size(), String.valueOf(differences));
        assertTrue(differences.get(0).startsWith("KafkaSink/baton/user-create-dlq"));
        assertTrue(differences.get(1).startsWith("Service/baton/baton-user"));
    }

    @Test
    void shellWordsUndoPrintfQuoting() {
        assertEquals(List.of("--request", "cpu=250m,memory=384Mi", "a b", "c'd"),
                ShellWords.split("--request cpu=250m\\,memory=384Mi 'a b' c\\'d"));
    }

    @Test
    void unknownKnFlagIsRefused() {
        assertFalse(tryParse("kn service apply s -n baton --timeout 30"));
    }

    private static boolean tryParse(String line) {
        try {
            KnServiceFlags.toService(ShellWords.split(line));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String dryRun(String overlay) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Repository.knative().resolve("kn-deploy.sh").toString(),
                "--dry-run", "--overlay", overlay);
        // The overlays' placeholders are the script's defaults; the caller's environment must not change them.
        builder.environment().remove("BATON_KAFKA_BOOTSTRAP");
        builder.environment().remove("BATON_IMAGE_PREFIX");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "kn-deploy.sh --dry-run did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
