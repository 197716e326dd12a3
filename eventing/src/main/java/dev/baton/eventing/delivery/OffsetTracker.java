package dev.baton.eventing.delivery;

import java.util.TreeSet;

/**
 * Offsets of one partition that are being handled out of order. The committable offset is the first
 * one not yet handled, so a commit never skips a record that is still in flight: a crash loses nothing.
 * Used only by the polling thread.
 */
final class OffsetTracker {
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    void started(long offset) {
        inFlight.add(offset);
        next = Math.max(next, offset + 1);
    }

    void finished(long offset) {
        inFlight.remove(offset);
    }

    /** The offset to commit now, or -1 if nothing new is committable. */
    long takeCommittable() {
        long committable = inFlight.isEmpty() ? next : inFlight.first();
        if (committable <= committed) {
            return -1;
        }
        committed = committable;
        return committable;
    }

    /** The first offset not yet handled: the one a commit now would write; -1 before the first record. */
    long firstUnhandled() {
        return inFlight.isEmpty() ? next : inFlight.first();
    }

    int inFlight() {
        return inFlight.size();
    }
}
