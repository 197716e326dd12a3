package dev.baton.deploycheck;

import com.bertramlabs.plugins.hcl4j.HCLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The .tf files of one Terraform configuration or module, parsed with hcl4j and merged by block type. */
public final class Terraform {
    private final Path directory;
    private final Map<String, Map<String, Object>> files = new LinkedHashMap<>();

    private Terraform(Path directory) {
        this.directory = directory;
    }

    public static Terraform parse(Path directory) {
        Terraform terraform = new Terraform(directory);
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                terraform.files.put(file.getFileName().toString(), parseFile(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terraform.files.isEmpty()) {
            throw new IllegalArgumentException("no .tf files in " + directory);
        }
        return terraform;
    }

    /** Parses one file; hcl4j is lenient, so HclSyntax first rejects what it would let through. */
    public static Map<String, Object> parseFile(Path file) {
        List<String> syntax = HclSyntax.problems(Yaml.read(file));
        if (!syntax.isEmpty()) {
            throw new IllegalArgumentException(file + " has syntax errors: " + syntax);
        }
        try {
            return new HCLParser().parse(file.toFile(), "UTF-8");
        } catch (Exception e) {
            throw new IllegalArgumentException(file + " does not parse: " + e, e);
        }
    }

    /** Blocks of a type across all files, e.g. blocks("variable") maps variable name to its body. */
    public Map<String, Object> blocks(String type) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map<String, Object> file : files.values()) {
            merged.putAll(Maps.map(file, type));
        }
        return merged;
    }

    /** Two-label blocks such as resource "type" "name", as "type.name" to body. */
    public Map<String, Object> labelled(String type) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Object> byType : blocks(type).entrySet()) {
            for (Map.Entry<String, Object> byName : Maps.map(byType.getValue()).entrySet()) {
                merged.put(byType.getKey() + "." + byName.getKey(), byName.getValue());
            }
        }
        return merged;
    }

    /** The terraform { required_providers { ... } } entries. */
    public Map<String, Object> requiredProviders() {
        Map<String, Object> providers = new LinkedHashMap<>();
        for (Map<String, Object> file : files.values()) {
            Object terraform = file.get("terraform");
            for (Object block : terraform instanceof List<?> list ? list : terraform == null ? List.of() : List.of(terraform)) {
                Object required = Maps.get(block, "required_providers");
                for (Object entry : required instanceof List<?> l ? l : required == null ? List.of() : List.of(required)) {
                    providers.putAll(Maps.map(entry));
                }
            }
        }
        return providers;
    }

    public Path directory() {
        return directory;
    }

    public List<String> fileNames() {
        return new ArrayList<>(files.keySet());
    }

    public Map<String, Map<String, Object>> files() {
        return files;
    }
}
