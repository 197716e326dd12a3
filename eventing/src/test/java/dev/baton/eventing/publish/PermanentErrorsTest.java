package dev.baton.eventing.publish;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermanentErrorsTest {

    @Test
    void errorsNoRetryCanFixArePermanentAndTheRestAreNot() {
        assertTrue(EventPublisher.permanent(new RecordTooLargeException("too large")));
        assertFalse(EventPublisher.permanent(new TimeoutException("metadata")));
        assertFalse(EventPublisher.permanent(new NotLeaderOrFollowerException("moved")));
    }

    @Test
    void aPublishIsBoundedBelowTheMinimumDeliveryTimeout() {
        // deploy-check requires a KafkaSource delivery timeout of at least 15 s.
        Duration worst = EventPublisher.MAX_BLOCK.plus(Duration.parse("PT" + PublisherConfig.DEFAULT_ACK_TIMEOUT.toUpperCase()));
        assertTrue(worst.compareTo(Duration.ofSeconds(15)) < 0, worst.toString());
    }
}
