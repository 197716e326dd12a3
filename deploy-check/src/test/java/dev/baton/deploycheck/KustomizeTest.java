package dev.baton.deploycheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KustomizeTest {

    @Test
    void localOverlayKeepsTopicsInTheKafkaNamespaceAndEverythingElseInBaton() {
        List<Resource> resources = Kustomize.build(Repository.knative().resolve("overlays/local"));
        for (Resource resource : resources) {
            String expected = resource.kind().equals("KafkaTopic") ? "kafka" : "baton";
            assertEquals(expected, resource.namespace(), resource.toString());
        }
        assertEquals(8, resources.stream().filter(r -> r.kind().equals("KafkaTopic")).count());
    }

    @Test
    void managedOverlayRewritesImagesBootstrapAndAppendsSaslEnv() {
        List<Resource> resources = Kustomize.build(Repository.knative().resolve("overlays/managed"));
        Resource user = one(resources, "Service", "baton-user");
        assertEquals("registry.example.com/baton/baton-user:0.1.0-SNAPSHOT", user.string("spec", "template", "spec", "containers", 0, "image"));
        List<Object> env = user.list("spec", "template", "spec", "containers", 0, "env");
        assertEquals("BATON_HOST", Maps.string(env.get(0), "name"), "the base env stays first");
        assertEquals("KAFKA_SASL_JAAS_CONFIG", Maps.string(env.get(env.size() - 1), "name"));
        assertEquals("kafka.example.com:9093", one(resources, "KafkaSink", "user-create-dlq").string("spec", "bootstrapServers", 0));
        assertEquals("kafka.example.com:9093", one(resources, "ConfigMap", "baton-dead-letters-broker").string("data", "bootstrap.servers"));
        assertEquals("1", one(resources, "ConfigMap", "baton-dead-letters-broker").string("data", "default.topic.partitions"),
                "a strategic merge keeps the keys it does not name");
        assertEquals(Boolean.TRUE, one(resources, "KafkaSource", "baton-user").get("spec", "net", "tls", "enable"));
    }

    @Test
    void strategicMergeReplacesListsOfCustomResourcesAsKustomizeDoes(@TempDir Path dir) throws IOException {
        write(dir.resolve("ksvc.yaml"), """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: s}
                spec: {template: {spec: {containers: [{name: c, image: i, env: [{name: A, value: a}]}]}}}
                """);
        write(dir.resolve("patch.yaml"), """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: s}
                spec: {template: {spec: {containers: [{name: c, env: [{name: B, value: b}]}]}}}
                """);
        write(dir.resolve("kustomization.yaml"), "resources: [ksvc.yaml]\npatches:\n  - path: patch.yaml\n");
        Resource patched = Kustomize.build(dir).get(0);
        assertEquals(Map.of("name", "c", "env", List.of(Map.of("name", "B", "value", "b"))),
                patched.get("spec", "template", "spec", "containers", 0));
    }

    @Test
    void rejectsWhatItDoesNotImplement(@TempDir Path dir) throws IOException {
        write(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");
        write(dir.resolve("kustomization.yaml"), "resources: [cm.yaml]\ncommonLabels: {a: b}\n");
        assertThrows(UnsupportedOperationException.class, () -> Kustomize.build(dir));
    }

    @Test
    void aPatchThatMatchesNothingFails(@TempDir Path dir) throws IOException {
        write(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");
        write(dir.resolve("patch.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo}\ndata: {a: c}\n");
        write(dir.resolve("kustomization.yaml"), "resources: [cm.yaml]\npatches:\n  - path: patch.yaml\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
    }

    @Test
    void imageNameIgnoresTagDigestAndRegistryPort() {
        assertEquals("localhost:5000/a/b", Images.imageName("localhost:5000/a/b:1.0"));
        assertEquals("a/b", Images.imageName("a/b@sha256:00"));
        assertEquals("localhost:5000/b", Images.imageName("localhost:5000/b"));
    }

    static Resource one(List<Resource> resources, String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        assertTrue(Files.exists(file));
    }
}
