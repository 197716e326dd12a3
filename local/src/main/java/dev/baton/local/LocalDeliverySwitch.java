package dev.baton.local;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code BATON_LOCAL_DELIVERY_FUNCTIONS=operation,user}: the functions the stack's local delivery
 * feeds (default: all). A function left out consumes nothing itself, so a real KafkaSource
 * dispatcher, or a replay to its URL, can be its only deliverer without two consumers in one group.
 */
final class LocalDeliverySwitch {
    static final String ENV = "BATON_LOCAL_DELIVERY_FUNCTIONS";

    private LocalDeliverySwitch() {
    }

    static Set<String> delivered(String value, List<String> functions) {
        if (value == null || value.isBlank()) {
            return new LinkedHashSet<>(functions);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!functions.contains(name)) {
                throw new IllegalArgumentException(ENV + ": unknown function '" + name + "', expected some of " + functions);
            }
            chosen.add(name);
        }
        return chosen;
    }
}
