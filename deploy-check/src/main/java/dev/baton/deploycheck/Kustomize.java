package dev.baton.deploycheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small subset of {@code kustomize build}, enough for knative/: resources (files and directories),
 * configMapGenerator (without the name hash, see ConfigMapGenerator), namespace, patches (strategic
 * merge or JSON 6902, with an optional kind/name/group target), images and replacements. Anything else in a kustomization.yaml is rejected, so an overlay cannot
 * silently use a feature this renderer ignores. Transformers run in kustomize's order: patches,
 * namespace, images, replacements. No Java kustomize exists on Maven Central; kubectl's embedded
 * kustomize is compared against this one in KustomizeMatchesKubectlTest where kubectl is installed.
 */
public final class Kustomize {
    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "patches", "images", "replacements", "configMapGenerator");
    /** Kinds the namespace transformer leaves alone because they are cluster-scoped. */
    private static final Set<String> CLUSTER_SCOPED =
            Set.of("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass");

    private Kustomize() {
    }

    @SuppressWarnings("unchecked")
    public static List<Resource> build(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        Map<String, Object> kustomization = Maps.map(Yaml.loadOne(file));
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedOperationException(file + ": kustomization field '" + field + "' is not supported by this renderer");
            }
        }
        List<Resource> resources = new ArrayList<>();
        for (Object entry : Maps.list(kustomization, "resources")) {
            resources.addAll(load(directory.resolve(String.valueOf(entry)).normalize()));
        }
        for (Object generator : Maps.list(kustomization, "configMapGenerator")) {
            resources.add(ConfigMapGenerator.generate(directory.toAbsolutePath().normalize(), Maps.map(generator)));
        }
        for (Object patch : Maps.list(kustomization, "patches")) {
            Patches.apply(directory, Maps.map(patch), resources);
        }
        String namespace = Maps.string(kustomization, "namespace");
        if (namespace != null) {
            for (Resource resource : resources) {
                if (!CLUSTER_SCOPED.contains(resource.kind())) {
                    ((Map<String, Object>) resource.body().computeIfAbsent("metadata", k -> Resource.newMap())).put("namespace", namespace);
                }
            }
        }
        for (Object image : Maps.list(kustomization, "images")) {
            Images.apply(Maps.map(image), resources);
        }
        for (Object replacement : Maps.list(kustomization, "replacements")) {
            Replacements.apply(Maps.map(replacement), resources);
        }
        return resources;
    }

    private static List<Resource> load(Path path) {
        if (Files.isDirectory(path)) {
            return build(path);
        }
        List<Resource> resources = new ArrayList<>();
        for (Object document : Yaml.loadAll(path)) {
            resources.add(Resource.of(document, path.toString()));
        }
        return resources;
    }

    /** The resources a patch or replacement selects: by kind, and by name and group when given. */
    static List<Resource> select(Map<String, Object> selector, List<Resource> resources, String what) {
        String kind = Maps.string(selector, "kind");
        String name = Maps.string(selector, "name");
        String group = Maps.string(selector, "group");
        for (String key : selector.keySet()) {
            if (!Set.of("kind", "name", "group", "version").contains(key)) {
                throw new UnsupportedOperationException(what + ": selector field '" + key + "' is not supported");
            }
        }
        List<Resource> selected = new ArrayList<>();
        for (Resource resource : resources) {
            if ((kind == null || kind.equals(resource.kind()))
                    && (name == null || name.equals(resource.name()))
                    && (group == null || group.equals(resource.group()))) {
                selected.add(resource);
            }
        }
        if (selected.isEmpty()) {
            // kustomize fails on a patch without a target too; an overlay must not patch nothing.
            throw new IllegalArgumentException(what + ": no resource matches " + selector);
        }
        return selected;
    }
}
