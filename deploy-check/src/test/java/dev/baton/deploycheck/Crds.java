package dev.baton.deploycheck;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CRD schemas for tests: the shared folder (Knative, KEDA, Strimzi KafkaTopic) together with the
 * ones kept in this module's test resources (PodMonitor, Strimzi Kafka; see crds/SOURCES.md). A test
 * that needs them is skipped, visibly, when the shared folder is not there.
 */
final class Crds {
    /** Strimzi's KafkaNodePool (knative/platform) has no CRD in either folder. */
    static final Set<String> KINDS_WITHOUT_SCHEMA = Set.of("kafka.strimzi.io/KafkaNodePool");

    private static CrdSchemas loaded;

    private Crds() {
    }

    static Path projectCrds() {
        return Repository.root().resolve("deploy-check/src/test/resources/crds");
    }

    static synchronized CrdSchemas require() {
        Path repository = Repository.root();
        Optional<Path> folder = CrdSchemas.locate(repository);
        Assumptions.assumeTrue(folder.isPresent(),
                "SKIPPED: no CRD folder, so the manifests were NOT validated against schemas. Looked at " + CrdSchemas.searched(repository));
        if (loaded == null || !loaded.folder().equals(folder.get())) {
            loaded = CrdSchemas.load(List.of(folder.get(), projectCrds()));
        }
        return loaded;
    }

    static ManifestValidator validator() {
        return new ManifestValidator(require(), KINDS_WITHOUT_SCHEMA);
    }
}
