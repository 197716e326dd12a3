package dev.baton.deploycheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The metrics a dashboard may read, from the two lists in knative/observability: function-metrics.yaml
 * (what Baton's functions export; a test in the functions scrapes them against it) and
 * platform-metrics.yaml (what a platform component exports, each with that component, its version and
 * a source link). A Prometheus histogram is stored as name_bucket (with the label le), name_count and
 * name_sum, so a query may use those for a metric listed as a histogram.
 */
final class MetricsLists {
    static final String FUNCTIONS_FILE = "function-metrics.yaml";
    static final String PLATFORM_FILE = "platform-metrics.yaml";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary");
    private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_count", "_sum");

    /** One listed metric; component is "Baton functions" for function-metrics.yaml. */
    record Metric(String name, String type, Set<String> labels, String component, String version, String file) {
    }

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private MetricsLists() {
    }

    static MetricsLists load(Path observability) {
        return of(observability.resolve(FUNCTIONS_FILE), observability.resolve(PLATFORM_FILE));
    }

    static MetricsLists of(Path functions, Path platform) {
        MetricsLists lists = new MetricsLists();
        lists.read(functions, false);
        lists.read(platform, true);
        return lists;
    }

    private void read(Path file, boolean platform) {
        String where = file.getFileName() + ": ";
        List<Object> entries = Maps.list(Yaml.loadOne(file), "metrics");
        if (entries.isEmpty()) {
            problems.add(where + "no metrics: list");
        }
        for (Object entry : entries) {
            String name = Maps.string(entry, "name");
            String type = Maps.string(entry, "type");
            String at = where + name + ": ";
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(where + "'" + name + "' is not a Prometheus metric name");
                continue;
            }
            if (!TYPES.contains(type)) {
                problems.add(at + "type " + type + " is not one of " + TYPES);
            }
            Set<String> labels = new LinkedHashSet<>();
            Maps.list(entry, "labels").forEach(l -> labels.add(String.valueOf(l)));
            if (labels.isEmpty()) {
                problems.add(at + "labels are not listed");
            }
            require(entry, "help", at);
            String component = "Baton functions";
            String version = null;
            if (platform) {
                component = require(entry, "component", at);
                version = require(entry, "version", at);
                require(entry, "deployed_by", at);
                String source = require(entry, "source", at);
                // A link to a branch would drift; one to the listed version's tag says where it was checked.
                if (source != null && (!source.startsWith("https://") || version == null || !source.contains("/" + version + "/"))) {
                    problems.add(at + "source " + source + " must be an https link into version " + version + " of the component");
                }
            } else if (!labels.contains("function")) {
                problems.add(at + "every function metric carries the label function");
            }
            Metric previous = metrics.put(name, new Metric(name, type, labels, component, version, file.getFileName().toString()));
            if (previous != null) {
                problems.add(at + "listed twice (also in " + previous.file() + ")");
            }
        }
    }

    private String require(Object entry, String field, String at) {
        Object value = Maps.get(entry, field);
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(at + field + " is missing");
            return null;
        }
        return text;
    }

    /** The listed metric a stored series name belongs to: itself, or the histogram of a _bucket/_count/_sum series. */
    Optional<Metric> find(String series) {
        Metric exact = metrics.get(series);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (String suffix : HISTOGRAM_SERIES) {
            if (series.endsWith(suffix)) {
                Metric histogram = metrics.get(series.substring(0, series.length() - suffix.length()));
                if (histogram != null && "histogram".equals(histogram.type())) {
                    return Optional.of(histogram);
                }
            }
        }
        return Optional.empty();
    }

    /** The labels a series of that name has: the metric's, plus le on a histogram's buckets. */
    Set<String> labels(String series) {
        Set<String> labels = new LinkedHashSet<>(find(series).map(Metric::labels).orElse(Set.of()));
        if (series.endsWith("_bucket") && find(series).filter(m -> "histogram".equals(m.type())).isPresent()) {
            labels.add("le");
        }
        return labels;
    }

    Map<String, Metric> all() {
        return metrics;
    }

    /** What is wrong with the lists themselves (names, types, the platform entries' component, version and link). */
    List<String> problems() {
        return problems;
    }
}
