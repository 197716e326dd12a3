package dev.baton.local.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value}, {@code --name=value} and bare switches; anything unknown is a usage error, not ignored. */
final class Args {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    static Args parse(List<String> args, Set<String> valued, Set<String> switches) {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw ReplayException.usage("--" + name + " takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw ReplayException.usage("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw ReplayException.usage("unknown option --" + name + " (see --help)");
            }
            parsed.values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    List<String> positional() {
        return positional;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name) {
        List<String> all = values.get(name);
        if (all == null) {
            return null;
        }
        if (all.size() > 1) {
            throw ReplayException.usage("--" + name + " is given more than once");
        }
        return all.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The single-valued options, e.g. for {@link KafkaSettings#from}. */
    Map<String, String> singles() {
        Map<String, String> singles = new HashMap<>();
        values.forEach((name, list) -> singles.put(name, list.get(list.size() - 1)));
        return singles;
    }

    Long longValue(String name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ReplayException.usage("--" + name + " needs a whole number, not '" + value + "'");
        }
    }

    int intValue(String name, int fallback) {
        Long value = longValue(name);
        return value == null ? fallback : Math.toIntExact(value);
    }

    Instant instant(String name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ReplayException.usage("--" + name + " needs an ISO-8601 UTC time such as 2026-12-01T10:00:00Z, not '" + value + "'");
        }
    }
}
