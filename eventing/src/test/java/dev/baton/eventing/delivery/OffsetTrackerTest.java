package dev.baton.eventing.delivery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OffsetTrackerTest {

    @Test
    void commitsOnlyUpToTheFirstRecordStillInFlight() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(10);
        tracker.started(11);
        tracker.started(12);

        tracker.finished(11);
        tracker.finished(12);
        assertEquals(10, tracker.takeCommittable(), "10 is still in flight, so the commit must not pass it");

        tracker.finished(10);
        assertEquals(13, tracker.takeCommittable());
        assertEquals(-1, tracker.takeCommittable(), "nothing new to commit");
    }

    @Test
    void outOfOrderCompletionNeverSkipsAnOffset() {
        OffsetTracker tracker = new OffsetTracker();
        for (long offset = 0; offset < 100; offset++) {
            tracker.started(offset);
        }
        for (long offset = 99; offset >= 50; offset--) {
            tracker.finished(offset);
        }
        assertEquals(0, tracker.takeCommittable());
        for (long offset = 0; offset < 49; offset++) {
            tracker.finished(offset);
        }
        assertEquals(49, tracker.takeCommittable());
        assertEquals(1, tracker.inFlight());
    }
}
