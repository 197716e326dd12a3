package dev.baton.deploycheck;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kustomize's configMapGenerator, as far as knative/ uses it: a ConfigMap from files (key = the file
 * name, or "key=path") and literals ("key=value"), with options.labels and options.annotations.
 * kustomize appends a hash of the content to the name unless options.disableNameSuffixHash is true;
 * that hash is not reproduced here, so a generator without it is rejected rather than rendered with
 * a name kustomize would not give.
 */
final class ConfigMapGenerator {
    private static final Set<String> FIELDS = Set.of("name", "namespace", "files", "literals", "options");
    private static final Set<String> OPTIONS = Set.of("disableNameSuffixHash", "labels", "annotations");

    private ConfigMapGenerator() {
    }

    static Resource generate(Path directory, Map<String, Object> generator) {
        String where = directory.resolve("kustomization.yaml") + ": configMapGenerator " + generator.get("name");
        for (String field : generator.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new UnsupportedOperationException(where + ": field '" + field + "' is not supported by this renderer");
            }
        }
        Map<String, Object> options = Maps.map(generator, "options");
        for (String option : options.keySet()) {
            if (!OPTIONS.contains(option)) {
                throw new UnsupportedOperationException(where + ": option '" + option + "' is not supported by this renderer");
            }
        }
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new UnsupportedOperationException(where + ": only disableNameSuffixHash: true is supported (kustomize's name hash is not reproduced)");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object entry : Maps.list(generator, "files")) {
            String text = String.valueOf(entry);
            int equals = text.indexOf('=');
            Path file = directory.resolve(equals < 0 ? text : text.substring(equals + 1)).normalize();
            if (!file.startsWith(directory)) {
                // kustomize's default load restrictor refuses files outside the kustomization's folder
                throw new IllegalArgumentException(where + ": " + text + " is not in or below " + directory);
            }
            put(data, equals < 0 ? file.getFileName().toString() : text.substring(0, equals), Yaml.read(file), where);
        }
        for (Object entry : Maps.list(generator, "literals")) {
            String text = String.valueOf(entry);
            int equals = text.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(where + ": literal '" + text + "' is not key=value");
            }
            put(data, text.substring(0, equals), text.substring(equals + 1), where);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", generator.get("name"));
        if (generator.get("namespace") != null) {
            metadata.put("namespace", generator.get("namespace"));
        }
        for (String field : List.of("labels", "annotations")) {
            if (options.get(field) instanceof Map<?, ?> values && !values.isEmpty()) {
                metadata.put(field, new LinkedHashMap<>(values));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", "ConfigMap");
        body.put("metadata", metadata);
        body.put("data", data);
        return new Resource(body, where);
    }

    private static void put(Map<String, Object> data, String key, String value, String where) {
        if (data.put(key, value) != null) {
            throw new IllegalArgumentException(where + ": key " + key + " appears twice");
        }
    }
}
