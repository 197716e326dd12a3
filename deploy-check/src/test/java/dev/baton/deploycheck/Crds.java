package dev.baton.deploycheck;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The CRD schemas for tests; a test that needs them is skipped, visibly, when they are not there. */
final class Crds {
    /** Strimzi's Kafka and KafkaNodePool (knative/platform) have no CRD in ../shared/knative-crds. */
    static final Set<String> KINDS_WITHOUT_SCHEMA = Set.of("kafka.strimzi.io/Kafka", "kafka.strimzi.io/KafkaNodePool");

    private static CrdSchemas loaded;

    private Crds() {
    }

    static synchronized CrdSchemas require() {
        Path repository = Repository.root();
        Optional<Path> folder = CrdSchemas.locate(repository);
        Assumptions.assumeTrue(folder.isPresent(),
                "SKIPPED: no CRD folder, so the manifests were NOT validated against schemas. Looked at " + CrdSchemas.searched(repository));
        if (loaded == null || !loaded.folder().equals(folder.get())) {
            loaded = CrdSchemas.load(folder.get());
        }
        return loaded;
    }

    static ManifestValidator validator() {
        return new ManifestValidator(require(), KINDS_WITHOUT_SCHEMA);
    }
}
