package dev.baton.deploycheck;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code patches:} entries of a kustomization: strategic merge or JSON 6902, from a file or inline. */
final class Patches {
    private Patches() {
    }

    static void apply(Path directory, Map<String, Object> entry, List<Resource> resources) {
        for (String key : entry.keySet()) {
            if (!Set.of("path", "patch", "target").contains(key)) {
                throw new UnsupportedOperationException("patch field '" + key + "' is not supported");
            }
        }
        String origin;
        List<Object> documents;
        if (entry.containsKey("path")) {
            Path file = directory.resolve(Maps.string(entry, "path"));
            origin = file.toString();
            documents = Yaml.loadAll(file);
        } else {
            origin = directory + " (inline patch)";
            documents = Yaml.loadAll(Maps.string(entry, "patch"));
        }
        Map<String, Object> target = Maps.map(entry, "target");
        if (documents.size() == 1 && documents.get(0) instanceof List<?> operations) {
            if (target.isEmpty()) {
                throw new IllegalArgumentException(origin + ": a JSON 6902 patch needs a target");
            }
            for (Resource resource : Kustomize.select(target, resources, origin)) {
                JsonPatch.apply(resource.body(), operations, origin);
            }
            return;
        }
        for (Object document : documents) {
            Resource patch = Resource.of(document, origin);
            Map<String, Object> selector = target.isEmpty()
                    ? Map.of("kind", patch.kind(), "name", patch.name(), "group", patch.group())
                    : target;
            for (Resource resource : Kustomize.select(selector, resources, origin)) {
                StrategicMerge.merge(resource.body(), patch.body(), origin);
            }
        }
    }
}
