package dev.baton.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code replacements:} transformer: copies one field's value into fields of other resources.
 * Field paths are dot-separated; a key containing dots is written in brackets ({@code data.[a.b]})
 * and a number selects a list item. Only existing target fields are replaced (kustomize's default).
 */
final class Replacements {
    private Replacements() {
    }

    static void apply(Map<String, Object> replacement, List<Resource> resources) {
        check(replacement.keySet(), Set.of("source", "targets"), "replacement");
        Map<String, Object> source = Maps.map(replacement, "source");
        check(source.keySet(), Set.of("kind", "name", "group", "version", "fieldPath"), "replacement source");
        Map<String, Object> selector = new java.util.LinkedHashMap<>(source);
        selector.remove("fieldPath");
        List<Resource> sources = Kustomize.select(selector, resources, "replacement source");
        if (sources.size() != 1) {
            throw new IllegalArgumentException("replacement source matches " + sources.size() + " resources: " + source);
        }
        Object value = Maps.get(sources.get(0).body(), path(Maps.string(source, "fieldPath")));
        if (value == null) {
            throw new IllegalArgumentException("replacement source field missing: " + source);
        }
        for (Object target : Maps.list(replacement, "targets")) {
            Map<String, Object> targetMap = Maps.map(target);
            check(targetMap.keySet(), Set.of("select", "fieldPaths"), "replacement target");
            for (Resource resource : Kustomize.select(Maps.map(targetMap, "select"), resources, "replacement target")) {
                for (Object fieldPath : Maps.list(targetMap, "fieldPaths")) {
                    set(resource, path(String.valueOf(fieldPath)), value);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Resource resource, Object[] path, Object value) {
        Object parent = Maps.get(resource.body(), java.util.Arrays.copyOf(path, path.length - 1));
        Object last = path[path.length - 1];
        if (parent instanceof Map<?, ?> map && last instanceof String key && map.containsKey(key)) {
            ((Map<String, Object>) map).put(key, Maps.deepCopy(value));
        } else if (parent instanceof List<?> list && last instanceof Integer index && index < list.size()) {
            ((List<Object>) list).set(index, Maps.deepCopy(value));
        } else {
            throw new IllegalArgumentException("replacement target field missing in " + resource + ": " + List.of(path));
        }
    }

    static Object[] path(String fieldPath) {
        List<Object> steps = new ArrayList<>();
        int i = 0;
        while (i < fieldPath.length()) {
            if (fieldPath.charAt(i) == '[') {
                int close = fieldPath.indexOf(']', i);
                String inside = fieldPath.substring(i + 1, close);
                if (inside.contains("=")) {
                    throw new UnsupportedOperationException("field path selector [" + inside + "] is not supported");
                }
                steps.add(inside);
                i = close + 1;
            } else {
                int dot = fieldPath.indexOf('.', i);
                String step = fieldPath.substring(i, dot < 0 ? fieldPath.length() : dot);
                steps.add(step.matches("\\d+") ? (Object) Integer.valueOf(step) : step);
                i = dot < 0 ? fieldPath.length() : dot;
            }
            if (i < fieldPath.length() && fieldPath.charAt(i) == '.') {
                i++;
            }
        }
        return steps.toArray();
    }

    private static void check(Set<String> keys, Set<String> supported, String what) {
        for (String key : keys) {
            if (!supported.contains(key)) {
                throw new UnsupportedOperationException(what + " field '" + key + "' is not supported");
            }
        }
    }
}
