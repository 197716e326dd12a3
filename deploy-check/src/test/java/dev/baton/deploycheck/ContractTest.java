package dev.baton.deploycheck;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each rendered deployment against the event contract in the eventing module. */
class ContractTest {

    static List<Path> kustomizations() {
        return Repository.kustomizations();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void deploymentAgreesWithTheEventContract(Path directory) {
        assertEquals(List.of(), ContractChecks.check(Kustomize.build(directory)), directory.toString());
    }

    @Test
    void everyFunctionHasOneSourceWithItsTopicsAndGroup() {
        List<Resource> resources = Kustomize.build(Repository.knative().resolve("overlays/local"));
        for (BatonFunction function : BatonFunction.values()) {
            Resource source = KustomizeTest.one(resources, "KafkaSource", function.serviceName());
            assertEquals(function.consumes().stream().map(Topic::topicName).toList(), source.list("spec", "topics"));
            assertEquals(function.consumerGroup(), source.string("spec", "consumerGroup"));
        }
    }

    @Test
    void localOverlayHasATopicForEveryContractTopicAndDeadLetterTopic() {
        List<Resource> resources = Kustomize.build(Repository.knative().resolve("overlays/local"));
        for (Topic topic : Topic.values()) {
            assertEquals(6, KustomizeTest.one(resources, "KafkaTopic", topic.topicName()).get("spec", "partitions"));
            KustomizeTest.one(resources, "KafkaTopic", topic.deadLetterTopicName());
        }
    }
}
