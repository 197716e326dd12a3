package dev.baton.deploycheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline half of the proof that the dashboard is wired (the other half, in the functions' tests,
 * scrapes running functions against function-metrics.yaml): the dashboard has the structure Grafana
 * expects, and every metric each query reads is listed as exported, by the functions or by a named
 * platform component. Each check is shown to bite on a dashboard broken in one place.
 */
class DashboardTest {
    private static final Path FILE = Repository.observability().resolve("baton-dashboard.json");

    @Test
    void hasTheStructureGrafanaExpects() {
        Dashboard dashboard = Dashboard.load(FILE);
        assertEquals(List.of(), dashboard.structureProblems());
        assertTrue(dashboard.queries().size() >= 7, "every panel of the issue has queries: " + dashboard.queries());
    }

    @Test
    void everyMetricItReadsIsListedAsExported() {
        MetricsLists lists = MetricsLists.load(Repository.observability());
        assertEquals(List.of(), lists.problems());
        Dashboard dashboard = Dashboard.load(FILE);
        assertEquals(List.of(), dashboard.wiringProblems(lists));
        Set<String> read = new TreeSet<>();
        dashboard.queries().forEach(q -> read.addAll(PromQl.metricNames(q.expr())));
        // The panels the issue asks for, by the metrics that feed them.
        for (String metric : List.of("baton_operations_total", "baton_operation_duration_seconds_bucket", "baton_event_handler_duration_seconds_bucket",
                "baton_dead_letters_total", "kafka_topic_partition_current_offset", "kafka_consumergroup_lag", "kn_revision_pods_desired",
                "kn_revision_pods_count")) {
            assertTrue(read.contains(metric), metric + " is not read by any panel: " + read);
        }
    }

    @Test
    void everyPlatformMetricItListsIsRead() {
        MetricsLists lists = MetricsLists.load(Repository.observability());
        Set<String> read = new TreeSet<>();
        Dashboard.load(FILE).queries().forEach(q -> PromQl.metricNames(q.expr()).forEach(n -> lists.find(n).ifPresent(m -> read.add(m.name()))));
        for (MetricsLists.Metric metric : lists.all().values()) {
            if (metric.file().equals(MetricsLists.PLATFORM_FILE)) {
                assertTrue(read.contains(metric.name()), metric.name() + " is listed as used by the dashboard but no panel reads it");
            }
        }
    }

    // --- the checks bite --------------------------------------------------------------------------------

    @Test
    void aQueryOfAnUnknownMetricFails() {
        List<String> problems = wiring(d -> target(d, 0, 0).put("expr", "sum(rate(baton_signups_total[5m]))"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("metric baton_signups_total is in neither")), problems.toString());
    }

    @Test
    void aHistogramSuffixOnACounterOrALabelTypoFails() {
        assertTrue(wiring(d -> target(d, 0, 0).put("expr", "rate(baton_operations_total_bucket[5m])")).stream()
                .anyMatch(p -> p.contains("baton_operations_total_bucket is in neither")));
        assertTrue(wiring(d -> target(d, 0, 0).put("expr", "sum(kn_revision_pods_desired{kn_service=\"x\"})")).stream()
                .anyMatch(p -> p.contains("has no label kn_service")));
    }

    @Test
    void aPlatformMetricWithoutComponentOrPinnedSourceFails(@TempDir Path dir) throws IOException {
        Path platform = dir.resolve(MetricsLists.PLATFORM_FILE);
        Files.writeString(platform, """
                metrics:
                  - name: kafka_consumergroup_lag
                    type: gauge
                    labels: [consumergroup]
                    version: v1.9.0
                    deployed_by: x
                    source: https://github.com/danielqsj/kafka_exporter/blob/master/kafka_exporter.go
                    help: lag
                """);
        List<String> problems = MetricsLists.of(Repository.observability().resolve(MetricsLists.FUNCTIONS_FILE), platform).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("component is missing")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("must be an https link into version v1.9.0")), problems.toString());
    }

    @Test
    void structureProblemsAreFound() {
        assertStructure(d -> panel(d, 1).put("id", panel(d, 0).get("id")), "unique in the dashboard");
        assertStructure(d -> map(panel(d, 1), "gridPos").put("x", 6), "overlaps another panel");
        assertStructure(d -> map(panel(d, 0), "gridPos").put("w", 30), "outside the 24-column grid");
        assertStructure(d -> panel(d, 0).put("datasource", Map.of("type", "prometheus", "uid", "prometheus")), "datasource must be");
        assertStructure(d -> target(d, 0, 0).remove("expr"), "has no expr");
        assertStructure(d -> target(d, 0, 1).put("refId", "A"), "not unique in the panel");
        assertStructure(d -> target(d, 0, 0).put("expr", "sum(rate(baton_operations_total[$interval]))"), "unknown variable $interval");
        assertStructure(d -> target(d, 0, 0).put("expr", "sum(rate(baton_operations_total[5m])"), "never closed");
        assertStructure(d -> d.put("schemaVersion", 99), "schemaVersion must be");
        assertStructure(d -> ((List<Object>) map(d, "templating").get("list")).remove(0), "type datasource with query prometheus");
        assertStructure(d -> panel(d, 0).put("type", "graph"), "is not one of");
        assertStructure(d -> panel(d, 0).remove("description"), "description is missing");
    }

    private static void assertStructure(Consumer<Map<String, Object>> change, String expected) {
        List<String> problems = broken(change).structureProblems();
        assertFalse(problems.isEmpty(), "no problem found for a dashboard broken to give '" + expected + "'");
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    private static List<String> wiring(Consumer<Map<String, Object>> change) {
        return broken(change).wiringProblems(MetricsLists.load(Repository.observability()));
    }

    @SuppressWarnings("unchecked")
    static Dashboard broken(Consumer<Map<String, Object>> change) {
        try {
            ObjectMapper json = new ObjectMapper();
            Map<String, Object> model = json.readValue(Files.readString(FILE), LinkedHashMap.class);
            change.accept(model);
            return Dashboard.parse(json.writeValueAsString(model), "broken dashboard");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> panel(Map<String, Object> dashboard, int index) {
        return (Map<String, Object>) ((List<Object>) dashboard.get("panels")).get(index);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> target(Map<String, Object> dashboard, int panel, int index) {
        return (Map<String, Object>) ((List<Object>) panel(dashboard, panel).get("targets")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}
