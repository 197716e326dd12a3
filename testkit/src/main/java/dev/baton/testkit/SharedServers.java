package dev.baton.testkit;

import dev.baton.eventing.contract.Topic;
import dev.baton.local.EmbeddedKafka;
import dev.baton.local.EmbeddedMongo;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One real Kafka broker (KRaft) and one MongoDB-wire-protocol server per test JVM, started on first
 * use on free ports, with every Baton topic and dead-letter topic created; stopped when the JVM exits.
 * With {@code -Dbaton.testcontainers=true} they are a Kafka and a MongoDB container instead.
 */
public final class SharedServers {
    public static final int PARTITIONS = 3;

    private static EmbeddedKafka kafka;
    private static EmbeddedMongo mongo;
    private static String containerKafka;

    private SharedServers() {
    }

    /** True when the suite runs against Kafka and MongoDB containers ({@code -Dbaton.testcontainers=true}). */
    public static boolean usingContainers() {
        return Containers.requested();
    }

    /** Bootstrap servers of the test Kafka, with every Baton topic created. */
    public static synchronized String kafkaBootstrapServers() {
        if (Containers.requested()) {
            if (containerKafka == null) {
                containerKafka = Containers.kafkaBootstrapServers();
                createTopics(containerKafka);
            }
            return containerKafka;
        }
        return kafka().bootstrapServers();
    }

    public static synchronized String mongoUri() {
        return Containers.requested() ? Containers.mongoUri() : mongo().connectionString();
    }

    private static void createTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(allTopics().stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create the topics on " + bootstrap, e);
        }
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(null, 0);
            kafka.createTopics(allTopics(), PARTITIONS);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-stop"));
        }
        return kafka;
    }

    public static synchronized EmbeddedMongo mongo() {
        if (mongo == null) {
            mongo = EmbeddedMongo.inMemory(0);
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "test-mongo-stop"));
        }
        return mongo;
    }

    /** Properties for a function under test: real Kafka, real Mongo-protocol server, plus {@code settings} as key/value pairs. */
    public static Map<String, String> properties(String... settings) {
        if (settings.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in key/value pairs: " + List.of(settings));
        }
        Map<String, String> properties = new HashMap<>(Map.of(
                "micronaut.server.port", "-1",
                "kafka.bootstrap.servers", kafkaBootstrapServers(),
                "mongodb.uri", mongoUri()));
        for (int i = 0; i < settings.length; i += 2) {
            properties.put(settings[i], settings[i + 1]);
        }
        return properties;
    }

    public static List<String> allTopics() {
        List<String> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(topic.topicName());
            topics.add(topic.deadLetterTopicName());
        }
        return topics;
    }
}
