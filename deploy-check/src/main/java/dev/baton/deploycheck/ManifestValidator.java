package dev.baton.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates manifests as the API server would before admission webhooks: the root metadata (which every
 * CRD leaves as a bare object), then the custom resource against its CRD's schema, strictly.
 * Built-in kinds have no schema in the CRD folder; they are limited to a known list and get the checks
 * written here (their metadata, string-only ConfigMap data, known top-level fields).
 */
public final class ManifestValidator {
    /** Built-in kinds Baton ships, with the top-level fields each may have. */
    private static final Map<String, Set<String>> BUILT_IN = Map.of(
            "v1/ConfigMap", Set.of("apiVersion", "kind", "metadata", "data", "binaryData", "immutable"),
            "v1/Service", Set.of("apiVersion", "kind", "metadata", "spec"),
            "v1/Namespace", Set.of("apiVersion", "kind", "metadata", "spec"),
            "apps/v1/StatefulSet", Set.of("apiVersion", "kind", "metadata", "spec"),
            "batch/v1/Job", Set.of("apiVersion", "kind", "metadata", "spec"),
            "networking.k8s.io/v1/NetworkPolicy", Set.of("apiVersion", "kind", "metadata", "spec"));
    private static final Set<String> METADATA_FIELDS = Set.of("name", "namespace", "labels", "annotations");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final CrdSchemas crds;
    private final Set<String> kindsWithoutSchema;
    private final List<String> errors = new ArrayList<>();
    private final List<String> unchecked = new ArrayList<>();
    private final List<String> schemaValidated = new ArrayList<>();

    /**
     * @param kindsWithoutSchema "group/kind" of custom resources that may appear although the CRD folder
     *                           has no schema for them (they are then reported in {@link #unchecked()})
     */
    public ManifestValidator(CrdSchemas crds, Set<String> kindsWithoutSchema) {
        this.crds = crds;
        this.kindsWithoutSchema = kindsWithoutSchema;
    }

    public ManifestValidator validate(List<Resource> resources) {
        for (Resource resource : resources) {
            validate(resource);
        }
        return this;
    }

    public void validate(Resource resource) {
        String where = resource + ": ";
        if (resource.apiVersion() == null || resource.kind() == null) {
            errors.add(where + "apiVersion and kind are required");
            return;
        }
        checkMetadata(resource, where);
        String builtIn = resource.apiVersion() + "/" + resource.kind();
        if (BUILT_IN.containsKey(builtIn)) {
            checkBuiltIn(resource, BUILT_IN.get(builtIn), where);
            return;
        }
        String groupKind = resource.group() + "/" + resource.kind();
        if (!crds.knowsKind(resource.group(), resource.kind())) {
            if (kindsWithoutSchema.contains(groupKind)) {
                unchecked.add(where + "no CRD schema for " + groupKind + " in " + crds.where());
            } else {
                errors.add(where + "unknown kind " + resource.apiVersion() + " " + resource.kind() + ": no CRD in " + crds.where());
            }
            return;
        }
        var schema = crds.schema(resource.group(), resource.version(), resource.kind());
        if (schema.isEmpty()) {
            errors.add(where + resource.apiVersion() + " is not served; served versions: " + crds.servedVersions(resource.group(), resource.kind()));
            return;
        }
        SchemaValidator validator = new SchemaValidator();
        validator.validateRoot(resource.body(), schema.get());
        validator.errors().forEach(e -> errors.add(where + e));
        validator.unchecked().forEach(e -> unchecked.add(where + e));
        schemaValidated.add(resource.id());
    }

    private void checkMetadata(Resource resource, String where) {
        Object metadata = resource.get("metadata");
        if (!(metadata instanceof Map<?, ?> map)) {
            errors.add(where + "metadata must be an object");
            return;
        }
        for (Object key : map.keySet()) {
            if (!METADATA_FIELDS.contains(String.valueOf(key))) {
                errors.add(where + "metadata." + key + ": unknown or server-set metadata field");
            }
        }
        String name = resource.name();
        if (name == null || name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            errors.add(where + "metadata.name '" + name + "' is not a DNS subdomain name");
        }
        String namespace = resource.namespace();
        if (namespace != null && (namespace.length() > 63 || !LABEL.matcher(namespace).matches())) {
            errors.add(where + "metadata.namespace '" + namespace + "' is not a DNS label");
        }
        for (String field : List.of("labels", "annotations")) {
            Object values = map.get(field);
            if (values != null && !(values instanceof Map)) {
                errors.add(where + "metadata." + field + " must be a map");
            } else if (values instanceof Map<?, ?> entries) {
                entries.forEach((k, v) -> {
                    if (!(v instanceof String)) {
                        errors.add(where + "metadata." + field + "." + k + ": value must be a string, got " + v);
                    }
                });
            }
        }
    }

    private void checkBuiltIn(Resource resource, Set<String> topLevel, String where) {
        for (String key : resource.body().keySet()) {
            if (!topLevel.contains(key)) {
                errors.add(where + key + ": unknown field for " + resource.kind());
            }
        }
        if ("ConfigMap".equals(resource.kind())) {
            resource.map("data").forEach((k, v) -> {
                if (!(v instanceof String)) {
                    errors.add(where + "data." + k + ": ConfigMap values must be strings, got " + v);
                }
            });
        }
        unchecked.add(where + "built-in kind: metadata and top-level fields checked, no schema for the rest");
    }

    public List<String> errors() {
        return errors;
    }

    public List<String> unchecked() {
        return unchecked;
    }

    public List<String> schemaValidated() {
        return schemaValidated;
    }
}
