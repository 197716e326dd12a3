package dev.baton.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The openAPIV3Schema of every served version of every CRD in a folder, by group, version and kind. */
public final class CrdSchemas {
    public static final String PROPERTY = "baton.crds.dir";
    public static final String ENV = "BATON_CRDS_DIR";

    private final Path folder;
    private final Map<String, Map<String, Object>> schemas = new HashMap<>();
    private final Map<String, List<String>> servedVersions = new HashMap<>();

    private CrdSchemas(Path folder) {
        this.folder = folder;
    }

    /**
     * Where the CRDs are: -Dbaton.crds.dir, else BATON_CRDS_DIR, else ../shared/knative-crds beside the
     * repository. Empty when that folder does not exist, so callers can skip rather than pass.
     */
    public static Optional<Path> locate(Path repository) {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        Path folder = configured == null || configured.isBlank()
                ? repository.resolve("../shared/knative-crds").normalize()
                : Path.of(configured).toAbsolutePath().normalize();
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /** Every folder that could have been used, for the message of a skipped test. */
    public static String searched(Path repository) {
        return "-D" + PROPERTY + "=" + System.getProperty(PROPERTY) + ", $" + ENV + "=" + System.getenv(ENV)
                + ", default " + repository.resolve("../shared/knative-crds").normalize();
    }

    public static CrdSchemas load(Path folder) {
        CrdSchemas crds = new CrdSchemas(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                for (Object document : Yaml.loadAll(file)) {
                    if ("CustomResourceDefinition".equals(Maps.string(document, "kind"))) {
                        crds.add(document);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (crds.schemas.isEmpty()) {
            throw new IllegalStateException("no CustomResourceDefinition in " + folder);
        }
        return crds;
    }

    private void add(Object crd) {
        String group = Maps.string(crd, "spec", "group");
        String kind = Maps.string(crd, "spec", "names", "kind");
        for (Object version : Maps.list(crd, "spec", "versions")) {
            if (Boolean.TRUE.equals(Maps.get(version, "served"))) {
                String name = Maps.string(version, "name");
                schemas.put(key(group, name, kind), Maps.map(version, "schema", "openAPIV3Schema"));
                servedVersions.computeIfAbsent(group + "/" + kind, k -> new java.util.ArrayList<>()).add(name);
            }
        }
    }

    public boolean knowsKind(String group, String kind) {
        return servedVersions.containsKey(group + "/" + kind);
    }

    public List<String> servedVersions(String group, String kind) {
        return servedVersions.getOrDefault(group + "/" + kind, List.of());
    }

    public Optional<Map<String, Object>> schema(String group, String version, String kind) {
        return Optional.ofNullable(schemas.get(key(group, version, kind)));
    }

    public Path folder() {
        return folder;
    }

    private static String key(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }
}
