package dev.baton.local.bench;

import static dev.baton.local.bench.Figures.histogram;
import static dev.baton.local.bench.Figures.record;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters and latency histograms of one phase of {@code --dispatch}, written from the sender and HTTP threads. */
final class DispatchMeasurements {

    private static final long UNSET = Long.MIN_VALUE;

    private final LongAdder unitsSent = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Histogram latency = histogram();
    private final Map<String, Histogram> latencyByType = new ConcurrentHashMap<>();
    private final Histogram sendLag = histogram();
    private final AtomicLong firstIntendedNanos = new AtomicLong(UNSET);
    private final AtomicLong lastSendNanos = new AtomicLong(UNSET);
    private final AtomicLong lastAnswerNanos = new AtomicLong(UNSET);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong openUnits = new AtomicLong();

    /** A unit leaves on the schedule; one sender thread per phase, so the first call is the first unit. */
    void recordUnitSent(long intendedNanos, long sentNanos) {
        firstIntendedNanos.compareAndSet(UNSET, intendedNanos);
        lastSendNanos.set(sentNanos);
        record(sendLag, sentNanos - intendedNanos);
        unitsSent.increment();
        openUnits.incrementAndGet();
    }

    void recordUnitDone() {
        openUnits.decrementAndGet();
    }

    void recordEventSent() {
        sent.increment();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    /** An HTTP answer: 2xx accepted, 4xx rejected (a dispatcher dead-letters it), anything else failed. */
    void recordAnswer(DispatchEvent event, int status, long startNanos, long answeredNanos) {
        inFlight.decrementAndGet();
        lastAnswerNanos.accumulateAndGet(answeredNanos, (a, b) -> a == UNSET || b - a > 0 ? b : a);
        if (status / 100 == 2) {
            accepted.increment();
            record(latency, answeredNanos - startNanos);
            record(latencyByType.computeIfAbsent(event.shortType(), type -> histogram()), answeredNanos - startNanos);
            return;
        }
        (status / 100 == 4 ? rejected : failed).increment();
        countError("POST " + status);
    }

    /** No HTTP answer at all: a timeout or a connection failure. */
    void recordNoAnswer(String error) {
        inFlight.decrementAndGet();
        noAnswer.increment();
        countError("POST " + error);
    }

    long unitsSent() {
        return unitsSent.sum();
    }

    long sent() {
        return sent.sum();
    }

    long accepted() {
        return accepted.sum();
    }

    long rejected() {
        return rejected.sum();
    }

    long failed() {
        return failed.sum();
    }

    long noAnswer() {
        return noAnswer.sum();
    }

    long openUnits() {
        return openUnits.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    Map<String, Long> errorsByStatus() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    Histogram latency() {
        return latency;
    }

    Map<String, Histogram> latencyByType() {
        return new TreeMap<>(latencyByType);
    }

    Histogram sendLag() {
        return sendLag;
    }

    long firstIntendedNanos() {
        return firstIntendedNanos.get();
    }

    long lastSendNanos() {
        return lastSendNanos.get();
    }

    long lastAnswerNanos() {
        return lastAnswerNanos.get();
    }

    private void countError(String key) {
        errors.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
