package dev.baton.testkit;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The switch {@code -Dbaton.testcontainers=true} (or {@code BATON_TESTCONTAINERS=true}) runs the
 * integration suite against a real Apache Kafka and a real MongoDB in containers instead of the
 * embedded servers. Without a Docker engine the tests that need them are reported as skipped, saying why.
 */
final class Containers {
    static final String KAFKA_IMAGE = "apache/kafka:3.9.1";
    static final String MONGO_IMAGE = "mongo:7.0";

    private static KafkaContainer kafka;
    private static MongoDBContainer mongo;

    private Containers() {
    }

    static boolean requested() {
        return Boolean.getBoolean("baton.testcontainers") || "true".equalsIgnoreCase(System.getenv("BATON_TESTCONTAINERS"));
    }

    static synchronized String kafkaBootstrapServers() {
        requireDocker();
        if (kafka == null) {
            kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
            kafka.start();
        }
        return kafka.getBootstrapServers();
    }

    static synchronized String mongoUri() {
        requireDocker();
        if (mongo == null) {
            mongo = new MongoDBContainer(DockerImageName.parse(MONGO_IMAGE));
            mongo.start();
        }
        return mongo.getConnectionString();
    }

    static final String NO_DOCKER =
            "skipped: baton.testcontainers=true asks for Kafka and MongoDB containers, but there is no Docker engine here";

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void requireDocker() {
        Assumptions.assumeTrue(dockerAvailable(), NO_DOCKER);
    }
}
