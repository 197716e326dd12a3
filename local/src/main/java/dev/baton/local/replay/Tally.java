package dev.baton.local.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of what a rebuild did with the events, by reason, for its summary. */
final class Tally {
    private final Map<String, Long> counts = new TreeMap<>();

    void add(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    long get(String what) {
        return counts.getOrDefault(what, 0L);
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        counts.forEach((what, count) -> lines.add(count + " " + what));
        return lines;
    }
}
