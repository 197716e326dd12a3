package dev.baton.eventing.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalDeliveryConfigTest {

    @Test
    void backoffDoublesFromTheFirstDelayUpToTheCap() {
        LocalDeliveryConfig config = new LocalDeliveryConfig(true, 16, 5, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200));
        assertEquals(Duration.ofMillis(200), config.backoff(1));
        assertEquals(Duration.ofMillis(400), config.backoff(2));
        assertEquals(Duration.ofMillis(800), config.backoff(3));
        assertEquals(Duration.ofSeconds(1), config.backoff(4));
        assertEquals(Duration.ofSeconds(1), config.backoff(40));
    }
}
