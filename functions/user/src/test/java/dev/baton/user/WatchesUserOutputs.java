package dev.baton.user;

import dev.baton.eventing.contract.Topic;
import dev.baton.testkit.SharedServers;
import dev.baton.testkit.TopicProbe;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

/** What the user function publishes, read from the moment each test starts: approval requests and results. */
abstract class WatchesUserOutputs implements TestPropertyProvider {
    TopicProbe approvals;
    TopicProbe results;

    @Override
    public Map<String, String> getProperties() {
        return SharedServers.properties();
    }

    @BeforeEach
    void watch() {
        approvals = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_APPROVE.topicName());
        results = TopicProbe.from(SharedServers.kafkaBootstrapServers(), Topic.USER_CREATE_RESPONSE.topicName());
    }

    @AfterEach
    void stopWatching() {
        approvals.close();
        results.close();
    }
}
