package dev.baton.local.bench;

import java.time.Duration;

/**
 * When each request of an open-loop run is meant to be sent: request {@code i} at {@code i / rate} seconds after
 * the start, whatever happened to the requests before it. Latency is measured from these intended times, so a
 * stalled system cannot hide its stall by slowing the load down (no coordinated omission).
 */
record OpenLoopSchedule(double rate, long count) {

    OpenLoopSchedule {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number: " + rate);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    static OpenLoopSchedule forDuration(double rate, Duration duration) {
        return new OpenLoopSchedule(rate, (long) Math.floor(rate * duration.toNanos() / 1e9));
    }

    /** Offset of request {@code index} from the start of the schedule. */
    long offsetNanos(long index) {
        return Math.round(index * 1e9 / rate);
    }

    /** Where the next schedule has to start to carry on at the same rate without a gap. */
    long lengthNanos() {
        return offsetNanos(count);
    }
}
