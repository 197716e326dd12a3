package dev.baton.deploycheck;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a Trigger passes an event with the given CloudEvent attributes: the classic
 * {@code filter.attributes} (exact match on every attribute) and the {@code filters} dialects exact,
 * prefix, suffix, all, any and not. A CESQL filter cannot be evaluated here and is an error, not a match.
 */
final class TriggerFilters {
    private TriggerFilters() {
    }

    static boolean matches(Resource trigger, Map<String, String> event) {
        List<Object> filters = trigger.list("spec", "filters");
        if (!filters.isEmpty()) {
            // When filters is set Knative ignores filter; the list is a logical AND.
            return filters.stream().allMatch(f -> matches(Maps.map(f), event));
        }
        return trigger.map("spec", "filter", "attributes").entrySet().stream()
                .allMatch(a -> String.valueOf(a.getValue()).equals(event.get(a.getKey())));
    }

    private static boolean matches(Map<String, Object> filter, Map<String, String> event) {
        if (filter.size() != 1) {
            throw new IllegalArgumentException("a filter has exactly one dialect, got " + filter.keySet());
        }
        String dialect = filter.keySet().iterator().next();
        Object body = filter.get(dialect);
        return switch (dialect) {
            case "exact" -> attributes(body, event, String::equals);
            case "prefix" -> attributes(body, event, String::startsWith);
            case "suffix" -> attributes(body, event, String::endsWith);
            case "all" -> Maps.list(body).stream().allMatch(f -> matches(Maps.map(f), event));
            case "any" -> Maps.list(body).stream().anyMatch(f -> matches(Maps.map(f), event));
            case "not" -> !matches(Maps.map(body), event);
            default -> throw new IllegalArgumentException("filter dialect '" + dialect + "' cannot be evaluated offline");
        };
    }

    private static boolean attributes(Object body, Map<String, String> event, java.util.function.BiPredicate<String, String> test) {
        return Maps.map(body).entrySet().stream()
                .allMatch(a -> event.get(a.getKey()) != null && test.test(event.get(a.getKey()), String.valueOf(a.getValue())));
    }
}
