package dev.baton.local.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --compare A.json B.json}: each figure of B against the baseline A as a ratio B/A. Ratios against a baseline
 * measured on the same machine in the same session travel better than absolute figures on a noisy machine.
 */
final class Comparison {

    record ResultFile(String label, String aggregation, Map<String, Double> figures) {
    }

    private Comparison() {
    }

    static ResultFile read(Path file) throws IOException {
        JsonNode root = ResultWriter.JSON.readTree(file.toFile());
        if (root == null || !root.path("figures").isObject()) {
            throw new IOException(file + " is not a baton bench result file (no figures)");
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        flatten("", root.get("figures"), figures);
        return new ResultFile(root.path("label").asText(""), root.path("aggregation").asText(""), figures);
    }

    static void print(PrintStream out, Path baselineFile, Path otherFile) throws IOException {
        ResultFile baseline = read(baselineFile);
        ResultFile other = read(otherFile);
        out.printf("A (baseline): %s  label '%s', %s%n", baselineFile, baseline.label(), baseline.aggregation());
        out.printf("B:            %s  label '%s', %s%n", otherFile, other.label(), other.aggregation());
        out.printf("%-40s %14s %14s %10s%n", "figure", "A", "B", "B/A");
        baseline.figures().forEach((key, a) -> {
            Double b = other.figures().get(key);
            if (b != null) {
                out.printf("%-40s %14s %14s %10s%n", key, number(a), number(b), ratio(a, b));
            }
        });
    }

    static String ratio(double a, double b) {
        if (a == 0) {
            return b == 0 ? "1.00" : "-";
        }
        return String.format("%.2f", b / a);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.format("%.3f", value);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Double> into) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                flatten(key, field.getValue(), into);
            } else if (field.getValue().isNumber()) {
                into.put(key, field.getValue().asDouble());
            }
        }
    }
}
