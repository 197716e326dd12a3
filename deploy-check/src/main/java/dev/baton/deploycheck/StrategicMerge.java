package dev.baton.deploycheck;

import java.util.List;
import java.util.Map;

/**
 * Strategic merge as kustomize applies it to custom resources, which have no merge keys: maps merge
 * key by key, a null value deletes the key, and a list replaces the list it patches (kubectl kustomize
 * does exactly this to a Knative Service's containers). Patch directives ($patch, $setElementOrder...)
 * are rejected rather than ignored.
 */
final class StrategicMerge {
    private StrategicMerge() {
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch, String origin) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException(origin + ": patch directive " + key + " is not supported");
            }
            Object existing = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> patchMap && existing instanceof Map<?, ?> targetMap) {
                merge((Map<String, Object>) targetMap, (Map<String, Object>) patchMap, origin);
            } else {
                // Scalars and lists (no merge keys on custom resources) replace what was there.
                target.put(key, Maps.deepCopy(value));
            }
        }
    }
}
