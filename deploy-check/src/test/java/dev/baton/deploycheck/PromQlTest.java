package dev.baton.deploycheck;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromQlTest {

    @Test
    void histogramQuantileOverABucketRate() {
        assertEquals(List.of(new PromQl.Selector("baton_event_handler_duration_seconds_bucket", Set.of("function"))),
                PromQl.selectors("histogram_quantile(0.99, sum by (function, le) (rate(baton_event_handler_duration_seconds_bucket{function=\"user\"}[$__rate_interval])))"));
    }

    @Test
    void labelsInGroupingClausesAndMatchersAreNotMetrics() {
        assertEquals(Set.of("a_total", "b"), PromQl.metricNames(
                "sum without (instance) (rate(a_total{job=~\"x|y\", le!=\"1\"}[5m] offset 1h)) / on (job) group_left (team) max by (job, team) (b)"));
        assertEquals(Set.of("up"), PromQl.metricNames("sum(up) by (job) > bool 0 and on() vector(1)"));
    }

    @Test
    void stringsAreOpaque() {
        assertEquals(Set.of("kube_pod_info"), PromQl.metricNames(
                "label_replace(kube_pod_info, \"service\", \"$1\", \"pod\", \"(sum|rate)-[0-9]+ fake_metric\")"));
    }

    @Test
    void rangesSubqueriesOffsetsAndNumbersAreSkipped() {
        assertEquals(Set.of("x", "y"), PromQl.metricNames("max_over_time(rate(x[1h30m])[1d:5m]) offset -5m * 1e3 + 0x1f - Inf + y @ start()"));
    }

    @Test
    void nameMatcherNamesTheMetric() {
        assertEquals(List.of(new PromQl.Selector("foo_total", Set.of("job"))), PromQl.selectors("rate({__name__=\"foo_total\", job=\"a\"}[1m])"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.selectors("{__name__=~\"foo.*\"}"));
    }

    @Test
    void keywordsAreCaseInsensitiveAndAggregationsMayBeMetricNames() {
        assertEquals(Set.of("count"), PromQl.metricNames("SUM BY (x) (count)"));
    }

    @Test
    void variablesAreFoundEverywhere() {
        assertEquals(Set.of("service", "__rate_interval", "datasource"),
                PromQl.variables("rate(x{s=\"$service\"}[$__rate_interval]) ${datasource:raw}"));
    }

    @Test
    void brokenExpressionsAreErrors() {
        for (String broken : List.of("sum(rate(x[5m])", "rate(x[5m]))", "x{a=\"b\"", "histogram_quantil(0.9, x)", "x{a=b}",
                "x{a=\"b\" c=\"d\"}", "x ; y", "\"unterminated", "{}", "rate(x[5m)]", "")) {
            assertThrows(IllegalArgumentException.class, () -> PromQl.selectors(broken), broken);
        }
        assertTrue(PromQl.selectors("vector(1)").isEmpty());
    }
}
