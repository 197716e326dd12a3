package dev.baton.local.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Hands requests to a sender at the times an {@link OpenLoopSchedule} intends. A request that is late (the sender
 * blocked, the machine stalled) is sent at once and still carries its intended time, so the schedule never drifts.
 */
final class LoadGenerator {

    interface Clock {
        long nanoTime();

        void parkUntil(long deadlineNanos) throws InterruptedException;
    }

    interface Sender {
        void send(long index, long intendedNanos) throws InterruptedException;
    }

    static final Clock SYSTEM_CLOCK = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadlineNanos) throws InterruptedException {
            long remaining;
            while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };

    private final Clock clock;

    LoadGenerator(Clock clock) {
        this.clock = clock;
    }

    /** Returns once the last request of the schedule has been handed to the sender. */
    void run(OpenLoopSchedule schedule, long startNanos, Sender sender) throws InterruptedException {
        for (long index = 0; index < schedule.count(); index++) {
            long intended = startNanos + schedule.offsetNanos(index);
            if (clock.nanoTime() - intended < 0) {
                clock.parkUntil(intended);
            }
            sender.send(index, intended);
        }
    }
}
