package dev.baton.local.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Latency histograms and JSON figures, the same for the signup and the dispatch benchmark. */
final class Figures {
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private Figures() {
    }

    static Histogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    static double millis(long micros) {
        return round(micros / 1_000.0, 3);
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    /** NaN or infinite (nothing finished, nothing accepted) has no JSON number; a missing figure says the same. */
    static void put(Map<String, Number> figures, String key, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            figures.put(key, value);
        }
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
