package dev.baton.approval;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.testkit.Fixtures;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.cloudevents.CloudEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /} as Knative's KafkaSource calls it: a binary-mode CloudEvent with ce-* headers. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalHttpTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties();
    }

    @Test
    void binaryModeEventIsDecidedAndTheDecisionPublished() {
        CloudEvent request = Fixtures.approvalRequested("op-http-1", "ada@example.com");
        try (TopicProbe decisions = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_APPROVE_RESPONSE.topicName())) {
            HttpResponse<String> response = client.toBlocking().exchange(binary(request), String.class);

            assertEquals(200, response.code());
            String expectedId = EventIds.derive(request.getId(), BatonEventType.USER_APPROVAL_DECIDED);
            CloudEvent decided = decisions.awaitOne(e -> e.getId().equals(expectedId));
            assertEquals(BatonEventType.USER_APPROVAL_DECIDED.type(), decided.getType());
            assertEquals("op-http-1", decided.getSubject());
            assertTrue(new String(decided.getData().toBytes(), StandardCharsets.UTF_8).contains("\"decision\":\"APPROVED\""));
        }
    }

    @Test
    void unknownTypeIsRejectedWithAProblem() {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(binary(Fixtures.unknownType()), String.class));
        assertEquals(400, error.getStatus().getCode());
        String body = error.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("unknown event type"), body);
    }

    static HttpRequest<byte[]> binary(CloudEvent event) {
        var request = HttpRequest.POST("/", event.getData().toBytes())
                .header("ce-specversion", "1.0")
                .header("ce-id", event.getId())
                .header("ce-type", event.getType())
                .header("ce-source", event.getSource().toString())
                .header("Content-Type", event.getDataContentType());
        if (event.getSubject() != null) {
            request.header("ce-subject", event.getSubject());
        }
        return request;
    }
}
