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

    private final List<Path> folders;
    private final Map<String, Map<String, Object>> schemas = new HashMap<>();
    private final Map<String, List<String>> servedVersions = new HashMap<>();

    private CrdSchemas(List<Path> folders) {
        this.folders = folders;
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
        return load(List.of(folder));
    }

    /** The CRDs of several folders together, the first being the one {@link #locate} found. */
    public static CrdSchemas load(List<Path> folders) {
        CrdSchemas crds = new CrdSchemas(List.copyOf(folders));
        for (Path folder : folders) {
            int before = crds.schemas.size();
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
            if (crds.schemas.size() == before) {
                throw new IllegalStateException("no CustomResourceDefinition in " + folder);
            }
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

    /** The folder {@link #locate} found (the first one loaded). */
    public Path folder() {
        return folders.get(0);
    }

    /** Every folder loaded, for messages. */
    public String where() {
        return folders.size() == 1 ? folders.get(0).toString() : folders.toString();
    }

    private static String key(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }
}
