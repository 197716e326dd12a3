package dev.baton.operation;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.EventCodec;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An instance that died between recording an operation and publishing its request leaves an operation
 * with no request on Kafka; the next instance to start sends it, under the request's own id.
 */
class OperationRedriveTest {

    private static java.util.Map<String, Object> props(String... keyValues) {
        return new java.util.HashMap<>(TestHttp.properties(keyValues));
    }

    @Test
    void aRequestLostBetweenTheWriteAndThePublishIsSentByTheNextInstance() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        try (ApplicationContext crashed = ApplicationContext.run(props(
                "micronaut.server.port", "-1", "baton.operation.redrive-delay", "1h"))) {
            // Only the write of accept(): the process "dies" before requests.publish().
            crashed.getBean(OperationRepository.class)
                    .save(Operation.pending(id, "Lost Request", "lost@example.com", null, now, now.plus(Duration.ofMinutes(5))));
        }

        try (TopicProbe requests = TopicProbe.from(TestHttp.bootstrap(), Topic.USER_CREATE.topicName());
             EmbeddedServer next = ApplicationContext.run(EmbeddedServer.class, props(
                     "micronaut.server.port", "-1", "baton.operation.redrive-delay", "100ms"))) {
            CloudEvent request = requests.awaitOne(event -> id.equals(event.getSubject()));

            assertEquals(EventIds.derive(id, BatonEventType.USER_CREATE_REQUESTED), request.getId(),
                    "the same id the first send would have had, so a copy is recognised as one");
            UserCreateRequested payload = next.getApplicationContext().getBean(EventCodec.class)
                    .decode(request, UserCreateRequested.class);
            assertEquals("Lost Request", payload.name());
            assertEquals("lost@example.com", payload.email());
        }
    }

    @Test
    void operationsThatEndedOrStartedAfterTheInstanceAreNotResent() {
        try (ApplicationContext context = ApplicationContext.run(props(
                "micronaut.server.port", "-1", "baton.operation.redrive-delay", "1h"))) {
            OperationRepository repository = context.getBean(OperationRepository.class);
            OperationRedrive redrive = context.getBean(OperationRedrive.class);
            Instant started = Instant.now();
            String done = UUID.randomUUID().toString();
            String later = UUID.randomUUID().toString();
            repository.save(Operation.pending(done, "Done", null, null, started.minusSeconds(5), started.plusSeconds(300)));
            repository.fail(done, "APPROVAL_REJECTED", "no", started);
            repository.save(Operation.pending(later, "Later", null, null, started.plusSeconds(1), started.plusSeconds(300)));

            try (TopicProbe requests = TopicProbe.from(TestHttp.bootstrap(), Topic.USER_CREATE.topicName())) {
                redrive.redrive(started);
                String marker = UUID.randomUUID().toString();
                String markerId = UUID.randomUUID().toString();
                repository.save(Operation.pending(markerId, marker, null, null, started.minusSeconds(1), started.plusSeconds(300)));
                redrive.redrive(started);
                // The marker is re-sent by the second pass; anything the first pass sent arrived before it.
                requests.awaitOne(event -> markerId.equals(event.getSubject()));
                assertEquals(0, requests.drain(event -> done.equals(event.getSubject()) || later.equals(event.getSubject())).size());
            }
        }
    }
}
