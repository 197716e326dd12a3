package dev.baton.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text-format scrape (version 0.0.4), read into its TYPE lines and samples. */
record Scrape(Map<String, String> types, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static Scrape of(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new Scrape(types, samples);
    }

    /**
     * Why the scrape does not have this metric as the contract describes it, or null if it does: a
     * histogram needs its {@code _bucket} series (with {@code le}), every series the contract's labels,
     * the {@code function} label this function's name, and the TYPE line the contract's type.
     */
    String problemWith(String name, String type, Set<String> labels, String function) {
        String family = type.equals("counter") ? name.replaceAll("_total$", "") : name;
        String series = type.equals("histogram") ? name + "_bucket" : name;
        String declared = types.get(family);
        if (declared == null) {
            declared = types.get(name);
        }
        if (!type.equals(declared)) {
            return name + ": TYPE " + declared + ", expected " + type;
        }
        List<Sample> found = samples.stream().filter(s -> s.name().equals(series)).toList();
        if (found.isEmpty()) {
            return name + ": no " + series + " series";
        }
        for (Sample sample : found) {
            if (!sample.labels().keySet().containsAll(labels)) {
                return name + ": a series with labels " + sample.labels().keySet() + ", expected " + labels;
            }
            if (!function.equals(sample.labels().get("function"))) {
                return name + ": function=" + sample.labels().get("function");
            }
            if (type.equals("histogram") && !sample.labels().containsKey("le")) {
                return name + ": a bucket without le";
            }
        }
        return null;
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}. */
    double value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }
}
