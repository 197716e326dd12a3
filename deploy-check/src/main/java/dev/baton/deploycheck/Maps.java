package dev.baton.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant navigation of the maps and lists that YAML parses into. */
public final class Maps {
    private Maps() {
    }

    /** Follows map keys (String) and list indexes (Integer); null when any step is missing. */
    public static Object get(Object root, Object... path) {
        Object current = root;
        for (Object step : path) {
            if (current instanceof Map<?, ?> map && step instanceof String key) {
                current = map.get(key);
            } else if (current instanceof List<?> list && step instanceof Integer index) {
                current = index >= 0 && index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    public static String string(Object root, Object... path) {
        Object value = get(root, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object root, Object... path) {
        Object value = get(root, path);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object root, Object... path) {
        Object value = get(root, path);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
