package dev.baton.deploycheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths in the Baton repository, found from the working directory (the module or the root). */
public final class Repository {
    private Repository() {
    }

    public static Path root() {
        Path current = Path.of("").toAbsolutePath();
        while (current != null) {
            if (Files.isDirectory(current.resolve("knative/base")) && Files.isDirectory(current.resolve("eventing"))) {
                return current;
            }
            current = current.getParent();
        }
        throw new IllegalStateException("not inside the Baton repository: " + Path.of("").toAbsolutePath());
    }

    public static Path knative() {
        return root().resolve("knative");
    }

    /** Every deployable set of manifests: the base, each overlay, rendered. */
    public static List<Path> kustomizations() {
        return List.of(knative().resolve("base"), knative().resolve("overlays/local"), knative().resolve("overlays/managed"));
    }

    /** The dashboard, the lists of metrics it reads and the kustomization that installs it with its PodMonitors. */
    public static Path observability() {
        return knative().resolve("observability");
    }

    /** The platform manifests applied as plain files (kubectl apply -f / Terraform). */
    public static List<Resource> platformResources() {
        List<Resource> resources = new ArrayList<>();
        for (String file : List.of("kafka-cluster.yaml", "mongodb.yaml")) {
            Path path = knative().resolve("platform").resolve(file);
            Yaml.loadAll(path).forEach(d -> resources.add(Resource.of(d, path.toString())));
        }
        return resources;
    }
}
