package dev.baton.deploycheck;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java renderer must produce what real kustomize produces. kubectl embeds kustomize; where kubectl
 * is not installed this test is skipped (and says so), the other tests still use the Java renderer.
 */
class KustomizeMatchesKubectlTest {

    static List<Path> kustomizations() {
        List<Path> all = new java.util.ArrayList<>(Repository.kustomizations());
        all.add(Repository.observability());
        return all;
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void javaRendererMatchesKubectlKustomize(Path directory) throws Exception {
        String kubectl = kubectlOutput(directory);
        Assumptions.assumeTrue(kubectl != null, "kubectl not installed: cannot compare with real kustomize");
        Map<String, Object> expected = byId(Yaml.loadAll(kubectl).stream().map(d -> Resource.of(d, "kubectl")).toList());
        Map<String, Object> actual = byId(Kustomize.build(directory));
        assertEquals(expected.keySet(), actual.keySet());
        for (String id : expected.keySet()) {
            assertEquals(expected.get(id), actual.get(id), id);
        }
    }

    private static Map<String, Object> byId(List<Resource> resources) {
        Map<String, Object> byId = new TreeMap<>();
        resources.forEach(r -> byId.put(r.id(), r.body()));
        return byId;
    }

    private static String kubectlOutput(Path directory) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", directory.toString()).redirectErrorStream(false).start();
        } catch (java.io.IOException notInstalled) {
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + directory + " failed: " + new String(process.getErrorStream().readAllBytes()));
        }
        return output;
    }
}
