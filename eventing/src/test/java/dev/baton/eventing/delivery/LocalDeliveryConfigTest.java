package dev.baton.eventing.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalDeliveryConfigTest {

    @Test
    void backoffDoublesFromTheFirstDelayUpToTheCap() {
        LocalDeliveryConfig config = new LocalDeliveryConfig(true, 16, 5, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10), null);
        assertEquals(Duration.ofMillis(200), config.backoff(1));
        assertEquals(Duration.ofMillis(400), config.backoff(2));
        assertEquals(Duration.ofMillis(800), config.backoff(3));
        assertEquals(Duration.ofSeconds(1), config.backoff(4));
        assertEquals(Duration.ofSeconds(1), config.backoff(40));
    }

    @Test
    void staticMembershipOnlyWhenAnInstanceIdIsGiven() {
        LocalDeliveryConfig shared = new LocalDeliveryConfig(true, 16, 5, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(8), null);
        LocalDeliveryConfig alone = new LocalDeliveryConfig(true, 16, 5, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(8), "baton-local");

        java.util.Properties sharedProps = LocalDelivery.consumerProperties(new java.util.Properties(),
                dev.baton.eventing.contract.BatonFunction.USER, shared);
        java.util.Properties aloneProps = LocalDelivery.consumerProperties(new java.util.Properties(),
                dev.baton.eventing.contract.BatonFunction.USER, alone);

        assertEquals(null, sharedProps.get("group.instance.id"));
        assertEquals("baton-local-user", aloneProps.get("group.instance.id"));
        assertEquals("8000", aloneProps.get("session.timeout.ms"));
        assertEquals("2000", aloneProps.get("heartbeat.interval.ms"));
    }
}
