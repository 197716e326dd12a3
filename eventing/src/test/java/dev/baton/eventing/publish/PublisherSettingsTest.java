package dev.baton.eventing.publish;

import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publisher's producer settings come from {@code kafka.producers.baton.*}, and they keep the
 * promises the code and deploy-check count on: durable acks, no duplicates, and a publish bounded by
 * {@link EventPublisher#MAX_BLOCK} plus the ack timeout.
 */
@MicronautTest(startApplication = false)
@io.micronaut.context.annotation.Property(name = "baton.function", value = "approval")
class PublisherSettingsTest {

    @Inject
    @Named(EventPublisher.PRODUCER)
    AbstractKafkaProducerConfiguration<?, ?> producer;

    @Inject
    PublisherConfig publisher;

    @Inject
    EventPublisher publisherBean;

    @Test
    void acknowledgedByAllReplicasWithoutDuplicates() {
        assertEquals("all", setting(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", setting(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("5", setting(ProducerConfig.LINGER_MS_CONFIG));
    }

    @Test
    void aPublishIsBoundedByWhatDeployCheckCountsWith() {
        assertEquals(EventPublisher.MAX_BLOCK, millis(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        assertEquals(Duration.parse("PT" + PublisherConfig.DEFAULT_ACK_TIMEOUT.toUpperCase()), publisher.ackTimeout());
        // A request that times out is retried within the handler's ack wait; the producer gives up on a
        // record (delivery.timeout.ms, 15 s) soon after the handler stopped waiting for it (5 s + 8 s).
        assertTrue(millis(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG).compareTo(publisher.ackTimeout()) < 0);
        assertEquals(Duration.ofSeconds(15), millis(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    }

    /**
     * The settings above are a named configuration; this checks that the producer the publisher really
     * sends with was built from it (Kafka keeps its config in a private field, read here as Kafka logs it).
     */
    @Test
    void thePublishersOwnProducerHasThem() throws Exception {
        Object kafkaProducer = field(publisherBean, "producer");
        ProducerConfig used = (ProducerConfig) field(kafkaProducer, "producerConfig");
        assertEquals(5, used.getLong(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals(EventPublisher.MAX_BLOCK.toMillis(), used.getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        assertEquals(15000, used.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals("-1", used.getString(ProducerConfig.ACKS_CONFIG), "acks=all, which Kafka keeps as -1");
        assertEquals(Boolean.TRUE, used.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                java.lang.reflect.Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name + " in " + owner.getClass());
    }

    private String setting(String name) {
        Properties config = producer.getConfig();
        assertTrue(config.containsKey(name), name + " is not set in kafka.producers." + EventPublisher.PRODUCER + ": " + config);
        return String.valueOf(config.get(name));
    }

    private Duration millis(String name) {
        return Duration.ofMillis(Long.parseLong(setting(name)));
    }
}
