package dev.baton.testkit;

import dev.baton.eventing.contract.Topic;
import dev.baton.local.EmbeddedKafka;
import dev.baton.local.EmbeddedMongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One real Kafka broker (KRaft) and one MongoDB-wire-protocol server per test JVM, started on first
 * use on free ports, with every Baton topic and dead-letter topic created; stopped when the JVM exits.
 */
public final class SharedServers {
    public static final int PARTITIONS = 3;

    private static EmbeddedKafka kafka;
    private static EmbeddedMongo mongo;

    private SharedServers() {
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

    /** Properties for a function under test: real Kafka, real Mongo-protocol server. */
    public static Map<String, String> properties() {
        return Map.of(
                "micronaut.server.port", "-1",
                "kafka.bootstrap.servers", kafka().bootstrapServers(),
                "mongodb.uri", mongo().connectionString());
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
