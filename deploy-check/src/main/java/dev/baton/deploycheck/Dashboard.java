package dev.baton.deploycheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Grafana dashboard in Grafana's JSON model (the classic one that a dashboard ConfigMap provisions),
 * checked for what Grafana needs to load it and draw every panel, and for whether every metric its
 * queries read is one that something in the deployment exports (wiring). Only Prometheus queries are
 * supported: every panel reads the dashboard's Prometheus datasource variable.
 */
final class Dashboard {
    /**
     * Grafana 10.0 writes schemaVersion 36; 41 is Grafana 12.0's. Grafana migrates an older dashboard
     * when it loads it, but not one newer than itself, so the upper bound is kept at what every Grafana
     * from 12.0 on reads (the pinned kube-prometheus-stack 88.5.3 runs Grafana 13.2).
     */
    static final int MIN_SCHEMA_VERSION = 36;
    static final int MAX_SCHEMA_VERSION = 41;
    static final int GRID_COLUMNS = 24;
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "bargauge", "table", "heatmap", "text", "row");
    private static final Set<String> WITHOUT_QUERIES = Set.of("text", "row");
    private static final Set<String> BUILT_IN_VARIABLES = Set.of("__rate_interval", "__interval", "__interval_ms", "__range",
            "__range_s", "__range_ms", "__all", "__dashboard", "__org", "__user");
    private static final Pattern UID = Pattern.compile("[a-zA-Z0-9_-]{1,40}");
    /** Labels Prometheus puts on every scraped series of a pod or service target, on top of the metric's own. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance", "namespace", "pod", "container", "endpoint", "service", "knative_service");

    record Query(String panel, String refId, String expr) {
    }

    private final Map<String, Object> model;
    private final String origin;

    private Dashboard(Map<String, Object> model, String origin) {
        this.model = model;
        this.origin = origin;
    }

    static Dashboard load(Path file) {
        return parse(Yaml.read(file), file.getFileName().toString());
    }

    @SuppressWarnings("unchecked")
    static Dashboard parse(String json, String origin) {
        try {
            return new Dashboard(new ObjectMapper().readValue(json, Map.class), origin);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    Map<String, Object> model() {
        return model;
    }

    List<Map<String, Object>> panels() {
        return Maps.list(model, "panels").stream().map(Maps::map).toList();
    }

    List<Map<String, Object>> variables() {
        return Maps.list(model, "templating", "list").stream().map(Maps::map).toList();
    }

    /** Every query of every panel. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Map<String, Object> panel : panels()) {
            for (Object target : Maps.list(panel, "targets")) {
                queries.add(new Query(Maps.string(panel, "title"), Maps.string(target, "refId"), Maps.string(target, "expr")));
            }
        }
        return queries;
    }

    /** The values of a custom variable (its comma-separated query). */
    List<String> customValues(String variable) {
        for (Map<String, Object> v : variables()) {
            if (variable.equals(v.get("name")) && "custom".equals(v.get("type"))) {
                return List.of(String.valueOf(v.get("query")).split("\\s*,\\s*"));
            }
        }
        return List.of();
    }

    /** What would stop Grafana from loading the dashboard or drawing a panel. */
    List<String> structureProblems() {
        List<String> problems = new ArrayList<>();
        String where = origin + ": ";
        if (!(model.get("title") instanceof String title) || title.isBlank()) {
            problems.add(where + "title is missing");
        }
        if (!(model.get("uid") instanceof String uid) || !UID.matcher(uid).matches()) {
            problems.add(where + "uid must be 1 to 40 letters, digits, - or _, got " + model.get("uid"));
        }
        if (!(model.get("schemaVersion") instanceof Integer version) || version < MIN_SCHEMA_VERSION || version > MAX_SCHEMA_VERSION) {
            problems.add(where + "schemaVersion must be an integer from " + MIN_SCHEMA_VERSION + " to " + MAX_SCHEMA_VERSION + ", got " + model.get("schemaVersion"));
        }
        if (Maps.string(model, "time", "from") == null || Maps.string(model, "time", "to") == null) {
            problems.add(where + "time.from and time.to are missing");
        }
        Set<String> variableNames = variables(problems, where);
        String datasource = datasourceVariable(problems, where);
        Set<Integer> ids = new HashSet<>();
        List<int[]> areas = new ArrayList<>();
        List<Map<String, Object>> panels = panels();
        if (panels.isEmpty()) {
            problems.add(where + "no panels");
        }
        for (Map<String, Object> panel : panels) {
            String at = where + "panel " + panel.get("id") + " '" + panel.get("title") + "': ";
            if (!(panel.get("id") instanceof Integer id) || id < 1 || !ids.add(id)) {
                problems.add(at + "id must be a positive integer, unique in the dashboard");
            }
            String type = Maps.string(panel, "type");
            if (!PANEL_TYPES.contains(type)) {
                problems.add(at + "type " + type + " is not one of " + PANEL_TYPES);
            }
            if (!(panel.get("title") instanceof String title) || title.isBlank()) {
                problems.add(at + "title is missing");
            }
            gridPos(panel, at, problems, areas);
            if (panel.get("repeat") != null && !variableNames.contains(String.valueOf(panel.get("repeat")))) {
                problems.add(at + "repeats over an unknown variable " + panel.get("repeat"));
            }
            for (String variable : PromQl.variables(String.valueOf(panel.get("title")))) {
                if (!variableNames.contains(variable) && !BUILT_IN_VARIABLES.contains(variable)) {
                    problems.add(at + "title uses the unknown variable $" + variable);
                }
            }
            if (!WITHOUT_QUERIES.contains(type)) {
                queries(panel, at, datasource, variableNames, problems);
            }
        }
        return problems;
    }

    private Set<String> variables(List<String> problems, String where) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> variable : variables()) {
            String name = Maps.string(variable, "name");
            if (name == null || !names.add(name)) {
                problems.add(where + "template variable " + name + " is unnamed or defined twice");
            }
            if (Maps.string(variable, "type") == null) {
                problems.add(where + "template variable " + name + " has no type");
            }
        }
        return names;
    }

    /** The name of the one datasource variable, of the Prometheus plugin, that every panel must read. */
    private String datasourceVariable(List<String> problems, String where) {
        List<String> found = variables().stream()
                .filter(v -> "datasource".equals(v.get("type")) && "prometheus".equals(v.get("query")))
                .map(v -> Maps.string(v, "name")).toList();
        if (found.size() != 1) {
            problems.add(where + "expected one template variable of type datasource with query prometheus, found " + found);
            return null;
        }
        return found.get(0);
    }

    private static void gridPos(Map<String, Object> panel, String at, List<String> problems, List<int[]> areas) {
        Map<String, Object> grid = Maps.map(panel, "gridPos");
        int[] value = new int[4];
        String[] keys = {"x", "y", "w", "h"};
        for (int k = 0; k < 4; k++) {
            if (!(grid.get(keys[k]) instanceof Integer n)) {
                problems.add(at + "gridPos." + keys[k] + " must be an integer");
                return;
            }
            value[k] = n;
        }
        int x = value[0], y = value[1], w = value[2], h = value[3];
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > GRID_COLUMNS) {
            problems.add(at + "gridPos " + grid + " is outside the " + GRID_COLUMNS + "-column grid");
            return;
        }
        // A panel repeated horizontally fills the rest of its row with its copies.
        boolean repeatsAcross = panel.get("repeat") != null && !"v".equals(panel.get("repeatDirection"));
        int[] area = {x, y, repeatsAcross ? GRID_COLUMNS - x : w, h};
        for (int[] other : areas) {
            if (area[0] < other[0] + other[2] && other[0] < area[0] + area[2] && area[1] < other[1] + other[3] && other[1] < area[1] + area[3]) {
                problems.add(at + "gridPos " + grid + " overlaps another panel");
            }
        }
        areas.add(area);
    }

    private static void queries(Map<String, Object> panel, String at, String datasource, Set<String> variableNames, List<String> problems) {
        Map<String, Object> expected = Map.of("type", "prometheus", "uid", "${" + datasource + "}");
        if (datasource != null && !expected.equals(Maps.map(panel, "datasource"))) {
            problems.add(at + "datasource must be " + expected + " (the dashboard's datasource variable), got " + panel.get("datasource"));
        }
        if (!(panel.get("description") instanceof String description) || description.isBlank()) {
            problems.add(at + "description is missing: say what the panel tells a user");
        }
        List<Object> targets = Maps.list(panel, "targets");
        if (targets.isEmpty()) {
            problems.add(at + "no targets");
        }
        Set<String> refIds = new HashSet<>();
        for (Object target : targets) {
            String refId = Maps.string(target, "refId");
            if (refId == null || !refIds.add(refId)) {
                problems.add(at + "target refId " + refId + " is missing or not unique in the panel");
            }
            if (Maps.get(target, "datasource") != null && datasource != null && !expected.equals(Maps.map(target, "datasource"))) {
                problems.add(at + "target " + refId + " reads another datasource: " + Maps.get(target, "datasource"));
            }
            String expr = Maps.string(target, "expr");
            if (expr == null || expr.isBlank()) {
                problems.add(at + "target " + refId + " has no expr");
                continue;
            }
            try {
                PromQl.selectors(expr);
            } catch (IllegalArgumentException e) {
                problems.add(at + "target " + refId + ": " + e.getMessage());
            }
            for (String variable : PromQl.variables(expr)) {
                if (!variableNames.contains(variable) && !BUILT_IN_VARIABLES.contains(variable)) {
                    problems.add(at + "target " + refId + " uses the unknown variable $" + variable);
                }
            }
        }
    }

    /**
     * Every metric a query reads must be in one of the two lists, and every label its matchers name
     * must be one that metric has (or one Prometheus adds to a scraped target).
     */
    List<String> wiringProblems(MetricsLists lists) {
        List<String> problems = new ArrayList<>();
        for (Query query : queries()) {
            String at = origin + ": panel '" + query.panel() + "' target " + query.refId() + ": ";
            List<PromQl.Selector> selectors;
            try {
                selectors = PromQl.selectors(query.expr());
            } catch (IllegalArgumentException e) {
                problems.add(at + e.getMessage());
                continue;
            }
            if (selectors.isEmpty()) {
                problems.add(at + "reads no metric");
            }
            for (PromQl.Selector selector : selectors) {
                if (lists.find(selector.metric()).isEmpty()) {
                    problems.add(at + "metric " + selector.metric() + " is in neither " + MetricsLists.FUNCTIONS_FILE + " nor "
                            + MetricsLists.PLATFORM_FILE + ": nothing is known to export it");
                    continue;
                }
                Set<String> known = lists.labels(selector.metric());
                for (String label : selector.labels()) {
                    if (!known.contains(label) && !TARGET_LABELS.contains(label)) {
                        problems.add(at + "metric " + selector.metric() + " has no label " + label + " (it has " + known + ")");
                    }
                }
            }
        }
        return problems;
    }
}
