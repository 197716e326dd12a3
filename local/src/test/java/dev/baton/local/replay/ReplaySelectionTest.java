package dev.baton.local.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.baton.local.replay.ReplayKafka.event;
import static dev.baton.local.replay.ReplayKafka.replay;
import static dev.baton.local.replay.ReplayKafka.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selection by time range, type, operation id, partition/offset and limit picks exactly the expected records; a dry run sends nothing. */
class ReplaySelectionTest {
    private static final String REQUESTED = "dev.baton.user.create.requested";
    private static final String COMPLETED = "dev.baton.user.create.completed";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static String topic;

    /** ids e0..e9: e{i} at T0 + i minutes, operation op{i % 3}, requested for even i, completed for odd. */
    @BeforeAll
    static void writeTen() {
        topic = ReplayKafka.topic("selection");
        for (int i = 0; i < 10; i++) {
            Instant time = T0.plusSeconds(60L * i);
            write(topic, event("e" + i, i % 2 == 0 ? REQUESTED : COMPLETED, "op" + (i % 3), time), time);
        }
    }

    private static Set<String> listed(ReplayKafka.Run run) {
        assertEquals(0, run.exitCode(), run::toString);
        Set<String> ids = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\s(e\\d)\\s").matcher(run.out());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    @Test
    void everythingWithoutFilters() {
        ReplayKafka.Run run = replay(topic, "--dry-run");
        assertEquals(Set.of("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"), listed(run));
        assertTrue(run.out().contains("would send 10 record(s)"), run::toString);
    }

    @Test
    void byTimeRangeSinceInclusiveUntilExclusive() {
        assertEquals(Set.of("e2", "e3", "e4"), listed(replay("--from", topic, "--dry-run",
                "--since", T0.plusSeconds(120).toString(), "--until", T0.plusSeconds(300).toString())));
    }

    @Test
    void byTypeShortOrFull() {
        assertEquals(Set.of("e1", "e3", "e5", "e7", "e9"), listed(replay(topic, "--dry-run", "--type", "user.create.completed")));
        assertEquals(Set.of("e0", "e2", "e4", "e6", "e8"), listed(replay(topic, "--dry-run", "--type", REQUESTED)));
    }

    @Test
    void byOperationAndType() {
        assertEquals(Set.of("e0", "e3", "e6", "e9"), listed(replay(topic, "--dry-run", "--operation", "op0")));
        assertEquals(Set.of("e0", "e6"), listed(replay(topic, "--dry-run", "--operation", "op0", "--type", "user.create.requested")));
        assertEquals(Set.of("e0", "e1", "e3", "e4", "e6", "e7", "e9"), listed(replay(topic, "--dry-run", "--operation", "op0", "--operation", "op1")));
    }

    @Test
    void limitTakesTheEarliest() {
        assertEquals(Set.of("e0", "e1", "e2"), listed(replay(topic, "--dry-run", "--limit", "3")));
        assertEquals(Set.of("e5", "e6"), listed(replay(topic, "--dry-run", "--since", T0.plusSeconds(300).toString(), "--limit", "2")));
    }

    @Test
    void byPartitionAndOffsets() {
        // All of op0 shares a key, so a partition: e0, e3, e6, e9 in that order there, maybe among other keys.
        List<Long> op0 = ReplayKafka.readAll(topic).stream().filter(r -> "op0".equals(r.key())).map(ConsumerRecord::offset).sorted().toList();
        int partition = ReplayKafka.readAll(topic).stream().filter(r -> "op0".equals(r.key())).findFirst().orElseThrow().partition();
        Set<String> selected = listed(replay(topic, "--dry-run", "--partition", String.valueOf(partition),
                "--operation", "op0", "--from-offset", String.valueOf(op0.get(1)), "--to-offset", String.valueOf(op0.get(2))));
        assertEquals(Set.of("e3", "e6"), selected);
    }

    @Test
    void aDryRunSendsNothing() {
        String target = ReplayKafka.topic("dry-target");
        int before = ReplayKafka.readAll(topic).size();
        ReplayKafka.Run run = replay(topic, "--dry-run");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("sent nothing"), run::toString);
        assertEquals(before, ReplayKafka.readAll(topic).size());
        assertEquals(0, ReplayKafka.readAll(target).size());
    }
}
