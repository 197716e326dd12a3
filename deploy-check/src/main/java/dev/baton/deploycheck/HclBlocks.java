package dev.baton.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The top-level blocks of a configuration's .tf files as text: type, labels, whole body and the
 * body's own attributes (name to expression text). hcl4j evaluates expressions as it parses, so the
 * references the plan-time checks need are read here instead. It relies on `terraform fmt` layout
 * (blocks open and close at column 0, attributes at two spaces), which TerraformTest enforces.
 */
record HclBlocks(List<Block> blocks) {

    record Block(String type, List<String> labels, String body, Map<String, String> attributes) {
        String address() {
            return String.join(".", labels);
        }
    }

    static HclBlocks read(Path directory) {
        List<Block> blocks = new ArrayList<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                blocks.addAll(parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HclBlocks(blocks);
    }

    static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || !Character.isLetter(line.charAt(0)) || !line.stripTrailing().endsWith("{")) {
                continue;
            }
            String[] head = line.substring(0, line.lastIndexOf('{')).trim().split("\\s+");
            List<String> labels = new ArrayList<>();
            for (int h = 1; h < head.length; h++) {
                labels.add(head[h].replace("\"", ""));
            }
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !lines[j].equals("}")) {
                if (!lines[j].trim().startsWith("#")) {
                    body.append(lines[j]).append('\n');
                }
                j++;
            }
            blocks.add(new Block(head[0], labels, body.toString(), attributes(body.toString())));
            i = j;
        }
        return blocks;
    }

    /** Attributes at the block's own level: a line at two spaces "name = ..." up to the next such item. */
    private static Map<String, String> attributes(String body) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : body.split("\n")) {
            boolean ownLevel = line.startsWith("  ") && line.length() > 2 && Character.isLetter(line.charAt(2));
            if (ownLevel) {
                if (name != null) {
                    attributes.put(name, value.toString().trim());
                }
                int equals = line.indexOf('=');
                String start = equals < 0 ? "" : line.substring(2, equals).trim();
                boolean attribute = equals > 0 && start.matches("[A-Za-z0-9_-]+") && line.charAt(equals + 1) != '=';
                name = attribute ? start : null;
                value = new StringBuilder(attribute ? line.substring(equals + 1) : "");
            } else if (name != null) {
                value.append('\n').append(line);
            }
        }
        if (name != null) {
            attributes.put(name, value.toString().trim());
        }
        return attributes;
    }

    List<Block> ofType(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }

    /** locals blocks merged: name to expression. */
    Map<String, String> locals() {
        Map<String, String> locals = new LinkedHashMap<>();
        ofType("locals").forEach(b -> locals.putAll(b.attributes()));
        return locals;
    }
}
