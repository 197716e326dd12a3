package dev.baton.deploycheck;

import java.util.List;
import java.util.Map;

/** RFC 6902 add, replace and remove on YAML maps and lists; other operations are rejected. */
final class JsonPatch {
    private JsonPatch() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> document, List<?> operations, String origin) {
        for (Object item : operations) {
            Map<String, Object> operation = Maps.map(item);
            String op = Maps.string(operation, "op");
            String path = Maps.string(operation, "path");
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException(origin + ": bad JSON patch path " + path);
            }
            String[] tokens = path.substring(1).split("/", -1);
            Object parent = document;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = step(parent, unescape(tokens[i]), origin, path);
            }
            String last = unescape(tokens[tokens.length - 1]);
            Object value = Maps.deepCopy(operation.get("value"));
            switch (op == null ? "" : op) {
                case "add" -> add(parent, last, value, origin, path);
                case "replace" -> {
                    remove(parent, last, origin, path);
                    add(parent, last, value, origin, path);
                }
                case "remove" -> remove(parent, last, origin, path);
                default -> throw new UnsupportedOperationException(origin + ": JSON patch op '" + op + "' is not supported");
            }
        }
    }

    private static Object step(Object parent, String token, String origin, String path) {
        Object next = parent instanceof List<?> list ? list.get(index(list, token, false, origin, path))
                : parent instanceof Map<?, ?> map ? map.get(token) : null;
        if (next == null) {
            throw new IllegalArgumentException(origin + ": JSON patch path " + path + " does not exist");
        }
        return next;
    }

    @SuppressWarnings("unchecked")
    private static void add(Object parent, String token, Object value, String origin, String path) {
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(token, value);
        } else if (parent instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            items.add("-".equals(token) ? items.size() : index(items, token, true, origin, path), value);
        } else {
            throw new IllegalArgumentException(origin + ": JSON patch path " + path + " does not exist");
        }
    }

    private static void remove(Object parent, String token, String origin, String path) {
        if (parent instanceof Map<?, ?> map && map.containsKey(token)) {
            map.remove(token);
        } else if (parent instanceof List<?> list) {
            list.remove(index(list, token, false, origin, path));
        } else {
            throw new IllegalArgumentException(origin + ": JSON patch path " + path + " does not exist");
        }
    }

    private static int index(List<?> list, String token, boolean forInsert, String origin, String path) {
        int index = Integer.parseInt(token);
        if (index < 0 || index > list.size() || (!forInsert && index == list.size())) {
            throw new IllegalArgumentException(origin + ": JSON patch index out of range in " + path);
        }
        return index;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
