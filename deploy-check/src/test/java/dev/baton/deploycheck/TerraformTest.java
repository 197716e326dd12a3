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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    @ValueSource(strings = {"modules/platform", "modules/baton", "modules/observability", "kind", "aks"})
    void configurationPassesTheChecks(String directory) {
        Terraform terraform = Terraform.parse(Repository.root().resolve("terraform").resolve(directory));
        assertEquals(List.of(), TerraformChecks.check(terraform));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind", "aks"})
    void rootConfigurationsStandEverythingUp(String directory) {
        Map<String, Object> modules = Terraform.parse(Repository.root().resolve("terraform").resolve(directory)).blocks("module");
        assertEquals(List.of("platform", "baton", "observability"), List.copyOf(modules.keySet()));
    }

    /** Both roots commit the sources' initial offsets before module.baton creates the KafkaSources. */
    @ParameterizedTest
    @ValueSource(strings = {"kind", "aks"})
    void initialOffsetsAreCommittedBeforeTheSourcesExist(String directory) {
        Terraform terraform = Terraform.parse(Repository.root().resolve("terraform").resolve(directory));
        Object offsets = terraform.labelled("resource").get("terraform_data.initial_offsets");
        assertTrue(offsets != null, "terraform/" + directory + " has no terraform_data.initial_offsets");
        assertTrue(String.valueOf(offsets).contains("commit-initial-offsets.sh"), String.valueOf(offsets));
        Object waitFor = Maps.get(terraform.blocks("module").get("baton"), "wait_for");
        assertEquals("terraform_data.initial_offsets.id", String.valueOf(Maps.get(waitFor, "offsets")), String.valueOf(waitFor));
    }

    /**
     * {@code $(terraform output -raw x)} runs the output as one simple command: bash does not parse the
     * substituted text again, so a {@code &&} in it would reach the first program as a word. An output
     * that is a command list has to be run with {@code eval}, and the docs have to say so.
     */
    @ParameterizedTest
    @ValueSource(strings = {"kind", "aks"})
    void outputsTheDocsSubstituteAreSimpleCommands(String directory) throws IOException {
        String docs = Files.readString(Repository.root().resolve("docs/deploy.md"));
        Map<String, Object> outputs = Terraform.parse(Repository.root().resolve("terraform").resolve(directory)).blocks("output");
        Matcher substituted = Pattern.compile("(eval \"?)?\\$\\(terraform output -raw (\\w+)\\)").matcher(docs);
        int checked = 0;
        while (substituted.find()) {
            Object output = outputs.get(substituted.group(2));
            if (output == null || substituted.group(1) != null) {
                continue;
            }
            String value = String.valueOf(Maps.get(output, "value"));
            assertTrue(!value.matches("(?s).*(&&|\\|\\||;|\\|).*"),
                    "docs/deploy.md runs output " + substituted.group(2) + " of terraform/" + directory
                            + " with $(...), which cannot run a command list; use eval \"$(...)\": " + value);
            checked++;
        }
        assertTrue(checked > 0 || directory.equals("kind"), "no substituted output of terraform/" + directory + " found in the docs");
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
