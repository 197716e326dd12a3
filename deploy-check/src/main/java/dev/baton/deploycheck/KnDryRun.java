package dev.baton.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@code knative/kn-deploy.sh --dry-run} prints: {@code kn service apply} commands, turned into
 * the Knative Service each would create, the YAML documents of its {@code kubectl apply} heredocs, and any
 * other command line as text.
 */
public final class KnDryRun {
    private final List<Resource> services = new ArrayList<>();
    private final List<Resource> applied = new ArrayList<>();
    private final List<String> otherCommands = new ArrayList<>();

    public static KnDryRun parse(String output) {
        KnDryRun dryRun = new KnDryRun();
        String[] lines = output.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("kn service apply ")) {
                dryRun.services.add(KnServiceFlags.toService(ShellWords.split(line)));
            } else if (line.startsWith("kubectl apply -n ") && line.endsWith("-f - <<'EOF'")) {
                String namespace = line.split(" ")[3];
                StringBuilder yaml = new StringBuilder();
                for (i++; i < lines.length && !lines[i].equals("EOF"); i++) {
                    yaml.append(lines[i]).append('\n');
                }
                for (Object document : Yaml.loadAll(yaml.toString())) {
                    Resource resource = Resource.of(document, "kn-deploy.sh heredoc");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> metadata = (Map<String, Object>) resource.body().get("metadata");
                    if (resource.namespace() != null && !resource.namespace().equals(namespace)) {
                        throw new IllegalArgumentException(resource + ": namespace differs from kubectl apply -n " + namespace);
                    }
                    metadata.put("namespace", namespace);
                    dryRun.applied.add(resource);
                }
            } else if (!line.isBlank()) {
                dryRun.otherCommands.add(line);
            }
        }
        return dryRun;
    }

    public List<Resource> services() {
        return services;
    }

    public List<Resource> applied() {
        return applied;
    }

    public List<String> otherCommands() {
        return otherCommands;
    }

    /** Everything the script would create. */
    public List<Resource> all() {
        List<Resource> all = new ArrayList<>(applied);
        all.addAll(services);
        return all;
    }

    /**
     * The differences between what the script creates and a rendered overlay, by resource; empty when
     * they are the same. Env lists are compared by variable name because kn does not promise an order.
     */
    public static List<String> differences(List<Resource> expected, List<Resource> actual) {
        Map<String, Object> want = byId(expected);
        Map<String, Object> got = byId(actual);
        List<String> differences = new ArrayList<>();
        for (String id : want.keySet()) {
            if (!got.containsKey(id)) {
                differences.add(id + ": only in the YAML");
            } else if (!want.get(id).equals(got.get(id))) {
                differences.add(id + ":\n  YAML: " + want.get(id) + "\n  kn:   " + got.get(id));
            }
        }
        for (String id : got.keySet()) {
            if (!want.containsKey(id)) {
                differences.add(id + ": only in the kn script");
            }
        }
        return differences;
    }

    private static Map<String, Object> byId(List<Resource> resources) {
        Map<String, Object> byId = new java.util.TreeMap<>();
        for (Resource resource : resources) {
            Map<String, Object> body = Maps.deepCopy(resource.body());
            Object containers = Maps.get(body, "spec", "template", "spec", "containers");
            if (containers instanceof List<?> list) {
                for (Object container : list) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) container;
                    Map<String, Object> env = new LinkedHashMap<>();
                    Maps.list(map, "env").forEach(e -> env.put(Maps.string(e, "name"), e));
                    map.put("env", env);
                }
            }
            byId.put(resource.id(), body);
        }
        return byId;
    }
}
