package dev.baton.local.replay;

import dev.baton.eventing.contract.Topic;
import org.apache.kafka.clients.admin.Admin;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The admin client, opened only once the broker answered, and the checks every command starts with. */
final class Brokers implements AutoCloseable {
    static final int CONNECT_SECONDS = 15;

    private final KafkaSettings settings;
    private final Admin admin;
    private final Set<String> topics;

    private Brokers(KafkaSettings settings, Admin admin, Set<String> topics) {
        this.settings = settings;
        this.admin = admin;
        this.topics = topics;
    }

    static Brokers connect(KafkaSettings settings) {
        Admin admin = Admin.create(settings.clientProperties());
        try {
            Set<String> topics = new TreeSet<>(admin.listTopics().names().get(CONNECT_SECONDS, TimeUnit.SECONDS));
            return new Brokers(settings, admin, topics);
        } catch (TimeoutException | ExecutionException e) {
            admin.close(java.time.Duration.ZERO);
            throw unreachable(settings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admin.close(java.time.Duration.ZERO);
            throw new ReplayException(ReplayException.FAILED, "interrupted");
        }
    }

    static ReplayException unreachable(KafkaSettings settings, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new ReplayException(ReplayException.UNREACHABLE, "cannot reach Kafka at " + settings.bootstrapServers()
                + " within " + CONNECT_SECONDS + " s (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ").\n"
                + "  Is the broker running (./baton up on this machine)? Set the address with --bootstrap-servers or "
                + "KAFKA_BOOTSTRAP_SERVERS, and for a secured cluster --security-protocol/--sasl-mechanism/--sasl-jaas-config "
                + "(or KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG).");
    }

    /** Fails with the topics that do exist when {@code topic} is not one of them. */
    void requireTopic(String topic) {
        if (topics.contains(topic)) {
            return;
        }
        Set<String> baton = new TreeSet<>();
        for (Topic known : Topic.values()) {
            baton.add(known.topicName());
            baton.add(known.deadLetterTopicName());
        }
        Set<String> present = new TreeSet<>(topics);
        present.removeIf(t -> t.startsWith("__"));
        throw new ReplayException(ReplayException.UNKNOWN_TOPIC, "unknown topic '" + topic + "' on " + settings.bootstrapServers()
                + ".\n  Baton's topics are " + String.join(", ", baton)
                + ".\n  This broker has " + (present.isEmpty() ? "no topics" : String.join(", ", present)) + ".");
    }

    Admin admin() {
        return admin;
    }

    KafkaSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
