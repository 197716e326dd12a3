package dev.baton.eventing.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalDeliveryConfigTest {

    @Test
    void backoffIsTheDispatchersDelayTimesTwoToTheRetryUpToTheCap() {
        LocalDeliveryConfig config = new LocalDeliveryConfig(true, 16, 5, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10), "baton", null, null);
        // eventing-kafka-broker's dispatcher: backoffDelay × 2^n before retry n.
        assertEquals(Duration.ofMillis(400), config.backoff(1));
        assertEquals(Duration.ofMillis(800), config.backoff(2));
        assertEquals(Duration.ofSeconds(1), config.backoff(3));
        assertEquals(Duration.ofSeconds(1), config.backoff(40));
    }

    @Test
    void staticMembershipOnlyWhenAnInstanceIdIsGiven() {
        LocalDeliveryConfig shared = new LocalDeliveryConfig(true, 16, 5, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(8), "baton", null, null);
        LocalDeliveryConfig alone = new LocalDeliveryConfig(true, 16, 5, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(8), "baton", null, "baton-local");

        java.util.Properties sharedProps = LocalDelivery.consumerProperties(new java.util.Properties(),
                dev.baton.eventing.contract.BatonFunction.USER, shared);
        java.util.Properties aloneProps = LocalDelivery.consumerProperties(new java.util.Properties(),
                dev.baton.eventing.contract.BatonFunction.USER, alone);

        assertEquals(null, sharedProps.get("group.instance.id"));
        assertEquals("baton-local-user", aloneProps.get("group.instance.id"));
        assertEquals("8000", aloneProps.get("session.timeout.ms"));
        assertEquals("2000", aloneProps.get("heartbeat.interval.ms"));
    }

    @Test
    void deadLettersNameTheSinksClusterLocalUrlUnlessADestinationIsGiven() {
        LocalDeliveryConfig unset = new LocalDeliveryConfig(true, 16, 5, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(8), "baton", null, null);
        LocalDeliveryConfig given = new LocalDeliveryConfig(true, 16, 5, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(8), "baton", "http://localhost:8082/", null);
        assertEquals("http://baton-user.baton.svc.cluster.local", unset.destinationOf("baton-user"));
        assertEquals("http://localhost:8082/", given.destinationOf("baton-user"));
        // 1 s: 2, 4, 8, 16, 32 s, 62 s in all, as the dispatcher retried a 503 (+2.15, 6.2, 14.3, 30.3, 62.4 s).
        long total = 0;
        for (int n = 1; n <= 5; n++) {
            total += unset.backoff(n).toSeconds();
        }
        assertEquals(62, total);
    }
}
