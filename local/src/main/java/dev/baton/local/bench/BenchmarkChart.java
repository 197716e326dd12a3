package dev.baton.local.bench;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture of a benchmark: signups sent and finished per second, the p50 and p99 end-to-end latency of
 * the signups that finished each second, and the CPU of each stack process, over one time axis (several
 * runs one after another), with the warmup shaded. A PNG, drawn headless.
 */
final class BenchmarkChart {
    static final int WIDTH = 1200;
    static final int HEIGHT = 900;
    /** Each panel's series in this order: dark, well apart, readable on white. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0x7f7f7f), new Color(0xd62728),
            new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf),
            new Color(0xe377c2), new Color(0xbcbd22)};

    private BenchmarkChart() {
    }

    /** Where the picture of a result file goes: beside it, {@code .png} instead of {@code .json}. */
    static Path pictureOf(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return json.resolveSibling(base + ".png");
    }

    static void write(Path png, String title, List<List<Timeline.Point>> runs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries sent = new XYSeries("sent /s", false);
        XYSeries done = new XYSeries("done /s (completed or failed)", false);
        XYSeries p50 = new XYSeries("p50 ms", false);
        XYSeries p99 = new XYSeries("p99 ms", false);
        Map<String, XYSeries> cpu = new LinkedHashMap<>();
        XYPlot throughput = plot(new XYSeriesCollection(), "signups / s", 0);
        double offset = 0;
        for (List<Timeline.Point> run : runs) {
            double warmupEnd = Double.NaN;
            double last = 0;
            for (Timeline.Point point : run) {
                double x = offset + point.seconds();
                sent.add(x, point.sentPerSecond());
                done.add(x, point.donePerSecond());
                // A second in which nothing finished has no percentile: a gap, not a zero.
                p50.add(x, Double.isNaN(point.p50Ms()) ? null : point.p50Ms());
                p99.add(x, Double.isNaN(point.p99Ms()) ? null : point.p99Ms());
                point.cpuCores().forEach((name, cores) ->
                        cpu.computeIfAbsent(name, n -> new XYSeries(n + " cores", false)).add(x, cores));
                if ("warmup".equals(point.phase())) {
                    warmupEnd = x;
                }
                last = point.seconds();
            }
            if (!Double.isNaN(warmupEnd)) {
                IntervalMarker warmup = new IntervalMarker(offset, warmupEnd, new Color(0, 0, 0, 18));
                warmup.setLabel("warmup");
                warmup.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                warmup.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                throughput.addDomainMarker(warmup, Layer.BACKGROUND);
            }
            offset += last;
        }
        ((XYSeriesCollection) throughput.getDataset()).addSeries(done);
        ((XYSeriesCollection) throughput.getDataset()).addSeries(sent);
        XYSeriesCollection latencies = new XYSeriesCollection();
        latencies.addSeries(p99);
        latencies.addSeries(p50);
        NumberAxis time = new NumberAxis("seconds");
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(12);
        combined.add(throughput, 3);
        // Logarithmic: under overload p99 is seconds while p50 is still milliseconds.
        LogarithmicAxis milliseconds = new LogarithmicAxis("end-to-end latency (ms, log scale)");
        milliseconds.setStrictValuesFlag(false);
        milliseconds.setAutoRangeNextLogFlag(true);
        XYPlot latency = plot(latencies, "", 2);
        latency.setRangeAxis(milliseconds);
        combined.add(latency, 3);
        if (!cpu.isEmpty()) {
            XYSeriesCollection cores = new XYSeriesCollection();
            cpu.values().forEach(cores::addSeries);
            combined.add(plot(cores, "CPU (cores)", 4), 2);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** @param firstColor where in the palette this panel's series start, so no two series in the legend look alike */
    private static XYPlot plot(XYSeriesCollection data, String label, int firstColor) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < PALETTE.length; i++) {
            renderer.setSeriesPaint(i, PALETTE[(firstColor + i) % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
