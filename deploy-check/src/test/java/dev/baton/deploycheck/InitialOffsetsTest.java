package dev.baton.deploycheck;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * knative/platform/commit-initial-offsets.sh commits offset 0 for exactly the contract's consumer
 * groups and topics, so KEDA sees lag 0, not 1, on idle partitions and the sources can reach zero.
 */
class InitialOffsetsTest {
    private static final Pattern RESET = Pattern.compile("--group (\\S+) --topic (\\S+) --reset-offsets --to-earliest --execute");

    @Test
    void everyGroupAndTopicOfTheContractGetsItsOffsetsAndNothingElse() throws Exception {
        TreeSet<String> expected = new TreeSet<>();
        for (BatonFunction function : BatonFunction.values()) {
            for (Topic topic : function.consumes()) {
                expected.add(function.consumerGroup() + " " + topic.topicName());
            }
        }
        TreeSet<String> committed = new TreeSet<>();
        Matcher m = RESET.matcher(dryRun());
        while (m.find()) {
            committed.add(m.group(1) + " " + m.group(2));
        }
        assertEquals(expected, committed);
    }

    @Test
    void itWaitsForTheTopicsFirst() throws Exception {
        List<String> lines = dryRun().lines().toList();
        assertTrue(lines.get(0).contains("wait kafka/baton-kafka") && lines.get(1).contains("wait kafkatopic --all"), lines.toString());
    }

    private static String dryRun() throws Exception {
        Process process = new ProcessBuilder("bash", Repository.knative().resolve("platform/commit-initial-offsets.sh").toString(), "--dry-run")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
