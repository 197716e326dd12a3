package dev.baton.deploycheck;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Terraform under terraform/, checked without the terraform binary or its providers. */
class TerraformTest {

    @Test
    void everyTfFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repository.root().resolve("terraform"))) {
            files = walk.filter(p -> p.toString().endsWith(".tf")).toList();
        }
        assertTrue(files.size() >= 14, "expected the modules and both root configurations, found " + files);
        for (Path file : files) {
            assertTrue(Terraform.parseFile(file) instanceof Map, file.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"modules/platform", "modules/baton", "kind", "aks"})
    void configurationPassesTheChecks(String directory) {
        Terraform terraform = Terraform.parse(Repository.root().resolve("terraform").resolve(directory));
        assertEquals(List.of(), TerraformChecks.check(terraform));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind", "aks"})
    void rootConfigurationsStandEverythingUp(String directory) {
        Map<String, Object> modules = Terraform.parse(Repository.root().resolve("terraform").resolve(directory)).blocks("module");
        assertEquals(List.of("platform", "baton"), List.copyOf(modules.keySet()));
    }

    @Test
    void aksEventHubsAndDatabasesMatchTheContract() {
        Terraform aks = Terraform.parse(Repository.root().resolve("terraform/aks"));
        Map<String, Object> locals = aks.blocks("locals");
        assertEquals(Stream.of(Topic.values()).map(Topic::topicName).toList(), locals.get("topics"));
        assertEquals(Stream.of(BatonFunction.values()).flatMap(f -> f.databaseName().stream()).toList(), locals.get("mongo_databases"));
        // The cluster autoscaler is what lets scaled-out pods add nodes.
        Object pool = Maps.get(aks.labelled("resource").get("azurerm_kubernetes_cluster.baton"), "default_node_pool");
        assertEquals(Boolean.TRUE, Maps.get(pool instanceof List<?> l ? l.get(0) : pool, "auto_scaling_enabled"));
    }

    @Test
    void everyTfFileIsFormatted() throws Exception {
        Assumptions.assumeTrue(TerraformFmt.available(), "terraform is not on the PATH, so `terraform fmt -check -recursive` was not run");
        assertEquals(List.of(), TerraformFmt.unformatted(Repository.root().resolve("terraform")), "run terraform fmt -recursive terraform");
    }

    @Test
    void platformTurnsTheKedaFlagOnInTheReleaseDocument() {
        HclBlocks platform = HclBlocks.read(Repository.root().resolve("terraform/modules/platform"));
        assertEquals("{ \"controller-autoscaler-keda\" = \"enabled\" }", platform.locals().get("kafka_features"));
        HclBlocks.Block core = platform.ofType("resource").stream().filter(b -> b.address().equals("kubectl_manifest.core")).findFirst().orElseThrow();
        assertEquals("local.core_manifests", core.attributes().get("for_each"));
    }

    // --- the checks bite ----------------------------------------------------------------------------

    @Test
    void variableWithoutTypeOrDescriptionIsAProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("variables.tf"), "variable \"a\" {\n  default = 1\n}\n");
        List<String> problems = TerraformChecks.check(Terraform.parse(dir));
        assertTrue(problems.stream().anyMatch(p -> p.contains("variable a has no type")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("variable a has no description")), problems.toString());
    }

    @Test
    void versionVariableWithoutExactDefaultIsAProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("variables.tf"),
                "variable \"keda_chart_version\" {\n  type        = string\n  description = \"KEDA\"\n  default     = \"2.x\"\n}\n");
        List<String> problems = TerraformChecks.check(Terraform.parse(dir));
        assertTrue(problems.stream().anyMatch(p -> p.contains("keda_chart_version does not default to an exact version")), problems.toString());
    }

    @Test
    void unpinnedProviderAndChartAreProblems(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                terraform {
                  required_providers {
                    helm = {
                      source  = "hashicorp/helm"
                      version = "~> 2.0"
                    }
                  }
                }
                resource "helm_release" "keda" {
                  name  = "keda"
                  chart = "keda"
                }
                """);
        List<String> problems = TerraformChecks.check(Terraform.parse(dir));
        assertTrue(problems.stream().anyMatch(p -> p.contains("provider helm is not pinned")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("helm_release keda has no chart version")), problems.toString());
    }

    @Test
    void unknownAndMissingModuleInputsAreProblems(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path module = root.relativize(Repository.root().resolve("terraform/modules/baton"));
        Files.writeString(root.resolve("main.tf"), """
                module "baton" {
                  source   = "%s"
                  overlay  = "local"
                  namspace = "baton"
                }
                """.formatted(module));
        List<String> problems = TerraformChecks.check(Terraform.parse(root));
        assertTrue(problems.stream().anyMatch(p -> p.contains("input namspace is not a variable")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("required input mongodb_uri is not given")), problems.toString());
    }

    @Test
    void syntaxErrorsFailTheParse(@TempDir Path dir) throws IOException {
        for (String broken : List.of("resource \"a\" \"b\" {\n  x = 1\n", "resource \"a\" \"b\" {\n  x =\n}\n",
                "locals {\n  a = [1, 2}\n}\n", "locals {\n  a = \"open\n}\n", "output \"a\" {\n  value = <<-EOT\n  x\n}\n")) {
            Files.writeString(dir.resolve("main.tf"), broken);
            assertThrows(IllegalArgumentException.class, () -> Terraform.parse(dir), broken);
        }
    }

    @Test
    void validSyntaxIsNotFlagged() {
        assertEquals(List.of(), HclSyntax.problems("""
                locals {
                  a = "x ${join("}", ["{"])} y" # a { comment
                  b = a == 1 ? { k = "v" } : {}
                  c = <<-EOT
                    { unbalanced in a heredoc
                  EOT
                }
                """));
    }
}
