package dev.baton.local.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where selected records go. {@link #send} is called from several threads at once. */
interface Target extends AutoCloseable {

    /** How a record ended: accepted, refused for good (a 4xx), or failed after every retry. */
    enum Result { OK, REJECTED, FAILED }

    /** Thrown when a record was refused and the run is to stop there (--on-4xx stop). */
    final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    String describe(ConsumerRecord<String, byte[]> record);

    Result send(ConsumerRecord<String, byte[]> record);

    /** The summary of a run with these results, e.g. {@code 2xx 12, 4xx 0, 5xx 1}. */
    String summarise(long ok, long rejected, long failed);

    @Override
    void close();
}
