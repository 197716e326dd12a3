package dev.baton.local.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Re-publishes each record with the same key, value and headers (so the same ce_id and every other
 * ce_ attribute), to one topic, or, with no topic given, to the record's own topic: for a redrive that
 * is the topic the dead letter came from. The idempotent producer with acks=all, as the functions use.
 */
final class TopicTarget implements Target {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final KafkaSettings settings;

    TopicTarget(KafkaSettings settings, String topic) {
        var props = settings.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "baton-replay");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.settings = settings;
    }

    private String topicFor(ConsumerRecord<String, byte[]> record) {
        return topic == null ? record.topic() : topic;
    }

    @Override
    public String describe(ConsumerRecord<String, byte[]> record) {
        return "topic " + topicFor(record);
    }

    @Override
    public Result send(ConsumerRecord<String, byte[]> record) {
        // No partition and no timestamp: the key picks the partition as it did the first time, and the
        // record gets the time it is written at, so retention and --since treat it as new.
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(topicFor(record), null, null, record.key(), record.value(), record.headers());
        try {
            producer.send(copy).get(60, TimeUnit.SECONDS);
            return Result.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.FAILED;
        } catch (ExecutionException | TimeoutException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException || e instanceof TimeoutException) {
                throw Brokers.unreachable(settings, e);
            }
            System.err.println("[replay] could not write " + Records.position(record) + " to " + topicFor(record) + ": " + e.getCause());
            return Result.FAILED;
        }
    }

    @Override
    public String summarise(long ok, long rejected, long failed) {
        return "written " + ok + ", failed " + failed;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
