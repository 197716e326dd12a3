package dev.baton.local.bench;

import dev.baton.local.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real broker; counts only, never speed. */
class KafkaBaselineTest {

    @Test
    void producesAndConsumesEveryEventOnItsOwnTopicAndDeletesItAfter() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null, 0)) {
            // the broker runs in this JVM, so this process is the broker
            StackCpu broker = new StackCpu(ProcFs.system(),
                    List.of(new StackProcesses.Watched("launcher", ProcessHandle.current().pid())), 100);

            KafkaBaseline.Result result = new KafkaBaseline(kafka.bootstrapServers()).run(400, broker);

            assertEquals(400, result.produced());
            assertEquals(400, result.consumed());
            assertTrue(result.complete());
            assertTrue(result.broker().complete());
            Map<String, Number> figures = result.figures(10);
            assertEquals(400L, figures.get("kafka.baseline.consumed"));
            assertNotNull(figures.get("kafka.ratioPercent"));
            assertNotNull(figures.get("kafka.baseline.brokerCpuMsPerEvent"));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                await().until(() -> !admin.listTopics().names().get().contains(KafkaBaseline.TOPIC));
            }
        }
    }

    @Test
    void aRecordIsABinaryModeCloudEventOfAboutTheSagasSize() {
        ProducerRecord<String, byte[]> record = KafkaBaseline.record("op-1");

        assertEquals("op-1", record.key());
        assertEquals(KafkaBaseline.TOPIC, record.topic());
        assertNotNull(record.headers().lastHeader("ce_type"));
        assertNotNull(record.headers().lastHeader("ce_id"));
        int value = record.value().length;
        assertTrue(value > 150 && value < 250, value + " bytes");
        assertTrue(KafkaBaseline.size(record) > value);
    }

    @Test
    void anIncompleteBaselineGivesNoRatio() {
        KafkaBaseline.Result result = new KafkaBaseline.Result(400, 400, 399, 1.0, 500, null);

        Map<String, Number> figures = result.figures(10);

        assertFalse(figures.containsKey("kafka.ratioPercent"));
        assertFalse(figures.containsKey("kafka.baseline.brokerCpuMsPerEvent"));
        assertEquals(399L, figures.get("kafka.baseline.consumed"));
    }
}
