package dev.baton.deploycheck;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a value against a CRD's structural OpenAPI v3 schema, stricter than plain JSON Schema:
 * an object with declared properties rejects any other field unless it is marked
 * x-kubernetes-preserve-unknown-fields (the API server would prune such a field silently, which is how a
 * typo like containerConcurency goes unnoticed). Schema keywords it does not know make it throw rather
 * than pass; CEL rules (x-kubernetes-validations) cannot be evaluated here and are reported as unchecked.
 */
public final class SchemaValidator {
    private static final Set<String> IGNORED_KEYWORDS = Set.of("description", "default", "example", "title",
            "x-kubernetes-map-type", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
            "x-kubernetes-embedded-resource", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "nullable");
    private static final Set<String> CHECKED_KEYWORDS = Set.of("type", "properties", "additionalProperties", "items",
            "required", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems",
            "format", "anyOf", "oneOf", "x-kubernetes-validations");

    private final List<String> errors = new ArrayList<>();
    private final List<String> unchecked = new ArrayList<>();
    /**
     * A branch of anyOf or oneOf is a value validation in a structural schema: its properties constrain
     * the fields it names and say nothing about the others, which the enclosing schema already checks.
     */
    private final boolean branch;

    public SchemaValidator() {
        this(false);
    }

    private SchemaValidator(boolean branch) {
        this.branch = branch;
    }

    public List<String> errors() {
        return errors;
    }

    public List<String> unchecked() {
        return unchecked;
    }

    /** Validates a whole object: apiVersion, kind and metadata at the root are checked by ManifestValidator. */
    public void validateRoot(Map<String, Object> object, Map<String, Object> schema) {
        validate(object, schema, "", Set.of("apiVersion", "kind", "metadata"));
    }

    private void validate(Object value, Map<String, Object> schema, String path, Set<String> alwaysAllowed) {
        for (String keyword : schema.keySet()) {
            if (!IGNORED_KEYWORDS.contains(keyword) && !CHECKED_KEYWORDS.contains(keyword)) {
                throw new IllegalStateException("schema keyword '" + keyword + "' at " + path + " is not supported by this validator");
            }
        }
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                errors.add(at(path) + "null is not allowed");
            }
            return;
        }
        if (schema.containsKey("x-kubernetes-validations")) {
            unchecked.add(at(path) + "CEL rule(s) not evaluated: " + schema.get("x-kubernetes-validations"));
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(isInteger(value) || value instanceof String)) {
                errors.add(at(path) + "expected integer or string, got " + describe(value));
            }
            return;
        }
        if (schema.containsKey("anyOf") && validBranches(value, Maps.list(schema, "anyOf"), path) == 0) {
            errors.add(at(path) + "matches none of " + schema.get("anyOf"));
        }
        if (schema.containsKey("oneOf")) {
            int valid = validBranches(value, Maps.list(schema, "oneOf"), path);
            if (valid != 1) {
                errors.add(at(path) + "must match exactly one of " + schema.get("oneOf") + ", matches " + valid);
            }
        }
        String type = Maps.string(schema, "type");
        if (type != null && !hasType(value, type)) {
            errors.add(at(path) + "expected " + type + ", got " + describe(value));
            return;
        }
        if (value instanceof Map<?, ?> map) {
            validateObject(map, schema, path, alwaysAllowed);
        } else if (value instanceof List<?> list) {
            validateArray(list, schema, path);
        } else if (value instanceof String string) {
            validateString(string, schema, path);
        } else if (value instanceof Number number) {
            validateNumber(number, schema, path);
        }
        if (schema.containsKey("enum") && !Maps.list(schema, "enum").contains(value)) {
            errors.add(at(path) + "value " + value + " is not one of " + schema.get("enum"));
        }
    }

    @SuppressWarnings("unchecked")
    private void validateObject(Map<?, ?> map, Map<String, Object> schema, String path, Set<String> alwaysAllowed) {
        Map<String, Object> properties = Maps.map(schema, "properties");
        Object additional = schema.get("additionalProperties");
        boolean preserveUnknown = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        boolean embedded = Boolean.TRUE.equals(schema.get("x-kubernetes-embedded-resource"));
        for (Map.Entry<?, ?> field : map.entrySet()) {
            String key = String.valueOf(field.getKey());
            String child = path + "." + key;
            if (alwaysAllowed.contains(key) || (embedded && Set.of("apiVersion", "kind", "metadata").contains(key))) {
                continue; // checked by ManifestValidator: CRDs declare root metadata as a bare object
            } else if (properties.containsKey(key)) {
                validate(field.getValue(), (Map<String, Object>) properties.get(key), child, Set.of());
            } else if (additional instanceof Map<?, ?> additionalSchema) {
                validate(field.getValue(), (Map<String, Object>) additionalSchema, child, Set.of());
            } else if (!branch && !preserveUnknown && !Boolean.TRUE.equals(additional)) {
                errors.add(at(child) + "unknown field (the API server would drop it)");
            }
        }
        for (Object required : Maps.list(schema, "required")) {
            if (!map.containsKey(required)) {
                errors.add(at(path) + "missing required field '" + required + "'");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void validateArray(List<?> list, Map<String, Object> schema, String path) {
        Object items = schema.get("items");
        for (int i = 0; i < list.size(); i++) {
            if (items instanceof Map<?, ?> itemSchema) {
                validate(list.get(i), (Map<String, Object>) itemSchema, path + "[" + i + "]", Set.of());
            }
        }
        checkBound(list.size(), schema.get("minItems"), schema.get("maxItems"), path, "items");
        String listType = Maps.string(schema, "x-kubernetes-list-type");
        if ("set".equals(listType) && new HashSet<>(list).size() != list.size()) {
            errors.add(at(path) + "duplicate items in a set");
        } else if ("map".equals(listType)) {
            Set<List<Object>> keys = new HashSet<>();
            for (Object item : list) {
                List<Object> key = new ArrayList<>();
                for (Object keyField : Maps.list(schema, "x-kubernetes-list-map-keys")) {
                    key.add(Maps.get(item, String.valueOf(keyField)));
                }
                if (!keys.add(key)) {
                    errors.add(at(path) + "duplicate list-map key " + key);
                }
            }
        }
    }

    private void validateString(String string, Map<String, Object> schema, String path) {
        checkBound(string.length(), schema.get("minLength"), schema.get("maxLength"), path, "characters");
        String pattern = Maps.string(schema, "pattern");
        if (pattern != null && !Pattern.compile(pattern).matcher(string).find()) {
            errors.add(at(path) + "'" + string + "' does not match " + pattern);
        }
    }

    private void validateNumber(Number number, Map<String, Object> schema, String path) {
        double value = number.doubleValue();
        if (schema.get("minimum") instanceof Number minimum && value < minimum.doubleValue()) {
            errors.add(at(path) + value + " is below the minimum " + minimum);
        }
        if (schema.get("maximum") instanceof Number maximum && value > maximum.doubleValue()) {
            errors.add(at(path) + value + " is above the maximum " + maximum);
        }
        if ("int32".equals(schema.get("format")) && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            errors.add(at(path) + value + " does not fit in int32");
        }
    }

    private void checkBound(int size, Object min, Object max, String path, String unit) {
        if (min instanceof Number m && size < m.intValue()) {
            errors.add(at(path) + "has " + size + " " + unit + ", fewer than " + m);
        }
        if (max instanceof Number m && size > m.intValue()) {
            errors.add(at(path) + "has " + size + " " + unit + ", more than " + m);
        }
    }

    @SuppressWarnings("unchecked")
    private int validBranches(Object value, List<Object> branches, String path) {
        int valid = 0;
        for (Object branch : branches) {
            SchemaValidator trial = new SchemaValidator(true);
            trial.validate(value, (Map<String, Object>) branch, path, Set.of());
            if (trial.errors.isEmpty()) {
                valid++;
            }
        }
        return valid;
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> isInteger(value);
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> throw new IllegalStateException("schema type '" + type + "' is not supported");
        };
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    private static String describe(Object value) {
        String type = value instanceof Map ? "object" : value instanceof List ? "array" : value instanceof String ? "string"
                : isInteger(value) ? "integer" : value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : "?";
        return type + " " + (value instanceof Map || value instanceof List ? "" : "'" + value + "'");
    }

    private static String at(String path) {
        return (path.isEmpty() ? "(root)" : path.substring(1)) + ": ";
    }
}
