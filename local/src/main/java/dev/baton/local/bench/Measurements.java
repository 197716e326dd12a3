package dev.baton.local.bench;

import static dev.baton.local.bench.Figures.histogram;
import static dev.baton.local.bench.Figures.record;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters and latency histograms of one phase (warmup or measured), written from the sender and HTTP threads. */
final class Measurements {

    private static final long UNSET = Long.MIN_VALUE;

    private final LongAdder sent = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder postErrors = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Histogram endToEnd = histogram();
    private final Histogram post = histogram();
    private final Histogram sendLag = histogram();
    /** End-to-end latencies since the last {@link #takeRecentEndToEnd()}, for the timeline. */
    private final Recorder recentEndToEnd = new Recorder(Figures.HIGHEST_MICROS, 3);
    private final AtomicLong firstIntendedNanos = new AtomicLong(UNSET);
    private final AtomicLong lastSendNanos = new AtomicLong(UNSET);
    private final AtomicLong lastTerminalNanos = new AtomicLong(UNSET);

    void recordSent(long intendedNanos, long sentNanos) {
        // one sender thread per phase, so the first call is the first signup
        firstIntendedNanos.compareAndSet(UNSET, intendedNanos);
        lastSendNanos.set(sentNanos);
        record(sendLag, sentNanos - intendedNanos);
        sent.increment();
    }

    void recordAccepted(long intendedNanos, long answeredNanos) {
        record(post, answeredNanos - intendedNanos);
        accepted.increment();
    }

    void recordPostError(String key) {
        countError(key);
        postErrors.increment();
    }

    void recordPollError(String key) {
        countError(key);
    }

    void recordTerminal(Operation operation, boolean isCompleted, long observedNanos) {
        record(endToEnd, observedNanos - operation.intendedNanos);
        recentEndToEnd.recordValue(Math.min(Figures.HIGHEST_MICROS,
                Math.max(0, TimeUnit.NANOSECONDS.toMicros(observedNanos - operation.intendedNanos))));
        lastTerminalNanos.accumulateAndGet(observedNanos, (a, b) -> a == UNSET || b - a > 0 ? b : a);
        (isCompleted ? completed : failed).increment();
    }

    /** Counts read in an order that never shows more finished than there were: terminal states first, sent last. */
    record Counts(long sent, long accepted, long completed, long failed, long postErrors) {
        long lost() {
            return accepted - completed - failed;
        }

        long unanswered() {
            return sent - accepted - postErrors;
        }
    }

    Counts counts() {
        long completedNow = completed.sum();
        long failedNow = failed.sum();
        long postErrorsNow = postErrors.sum();
        long acceptedNow = accepted.sum();
        return new Counts(sent.sum(), acceptedNow, completedNow, failedNow, postErrorsNow);
    }

    /** Sent signups without an outcome yet: POST unanswered or operation not terminal. */
    long unfinished() {
        Counts counts = counts();
        return counts.lost() + counts.unanswered();
    }

    long sent() {
        return sent.sum();
    }

    long accepted() {
        return accepted.sum();
    }

    long completed() {
        return completed.sum();
    }

    long failed() {
        return failed.sum();
    }

    long terminal() {
        return completed() + failed();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errorsByStatus() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    Histogram endToEnd() {
        return endToEnd;
    }

    Histogram post() {
        return post;
    }

    Histogram sendLag() {
        return sendLag;
    }

    /** The end-to-end latencies (µs) of the operations that finished since the last call. */
    Histogram takeRecentEndToEnd() {
        return recentEndToEnd.getIntervalHistogram();
    }

    /** When the first signup was meant to leave; a late start so cannot make the run look shorter. */
    long firstIntendedNanos() {
        return firstIntendedNanos.get();
    }

    long lastSendNanos() {
        return lastSendNanos.get();
    }

    long lastTerminalNanos() {
        return lastTerminalNanos.get();
    }

    private void countError(String key) {
        errors.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
