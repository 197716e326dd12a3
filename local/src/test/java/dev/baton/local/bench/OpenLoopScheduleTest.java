package dev.baton.local.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpenLoopScheduleTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void spacesRequestsEvenlyAtTheRate() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1000, 5000);

        assertEquals(0, schedule.offsetNanos(0));
        assertEquals(MS, schedule.offsetNanos(1));
        assertEquals(4_999 * MS, schedule.offsetNanos(4_999));
        assertEquals(5_000 * MS, schedule.lengthNanos());
    }

    @Test
    void fractionalRatesDoNotDrift() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(3, 300_000);

        assertEquals(333_333_333, schedule.offsetNanos(1));
        assertEquals(TimeUnit.SECONDS.toNanos(100_000), schedule.offsetNanos(300_000), "no accumulated rounding");
    }

    @Test
    void countForADuration() {
        assertEquals(60_000, OpenLoopSchedule.forDuration(1000, Duration.ofSeconds(60)).count());
        assertEquals(150, OpenLoopSchedule.forDuration(300, Duration.ofMillis(500)).count());
        assertEquals(0, OpenLoopSchedule.forDuration(300, Duration.ZERO).count());
        assertEquals(2, OpenLoopSchedule.forDuration(2.5, Duration.ofSeconds(1)).count(), "whole requests only");
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 1));
    }

    @Test
    void aStalledSenderDoesNotShiftTheScheduleAndLateRequestsGoOutAtOnce() throws InterruptedException {
        FakeClock clock = new FakeClock(1_000 * MS);
        List<long[]> sends = new ArrayList<>();
        LoadGenerator generator = new LoadGenerator(clock);

        // 100/s: one every 10 ms; the third send stalls for 35 ms
        generator.run(new OpenLoopSchedule(100, 8), clock.now, (index, intended) -> {
            sends.add(new long[] {index, intended - 1_000 * MS, clock.now - 1_000 * MS});
            if (index == 2) {
                clock.now += 35 * MS;
            }
        });

        long[][] expected = {
                // index, intended offset, actual send offset
                {0, 0, 0},
                {1, 10 * MS, 10 * MS},
                {2, 20 * MS, 20 * MS},
                {3, 30 * MS, 55 * MS},
                {4, 40 * MS, 55 * MS},
                {5, 50 * MS, 55 * MS},
                {6, 60 * MS, 60 * MS},
                {7, 70 * MS, 70 * MS},
        };
        assertEquals(expected.length, sends.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(List.of(expected[i][0], expected[i][1], expected[i][2]),
                    List.of(sends.get(i)[0], sends.get(i)[1], sends.get(i)[2]), "send " + i);
        }
        assertEquals(List.of(1_010 * MS, 1_020 * MS, 1_060 * MS, 1_070 * MS), clock.parks,
                "parks only when ahead of the schedule");
    }

    @Test
    void aScheduleCanStartWhereTheWarmupEnded() throws InterruptedException {
        FakeClock clock = new FakeClock(0);
        OpenLoopSchedule warmup = new OpenLoopSchedule(200, 3);
        OpenLoopSchedule measured = new OpenLoopSchedule(200, 2);
        List<Long> intended = new ArrayList<>();
        LoadGenerator generator = new LoadGenerator(clock);

        generator.run(warmup, 0, (index, at) -> intended.add(at));
        generator.run(measured, warmup.lengthNanos(), (index, at) -> intended.add(at));

        assertEquals(List.of(0L, 5 * MS, 10 * MS, 15 * MS, 20 * MS), intended);
    }

    private static final class FakeClock implements LoadGenerator.Clock {
        long now;
        final List<Long> parks = new ArrayList<>();

        FakeClock(long now) {
            this.now = now;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long deadlineNanos) {
            parks.add(deadlineNanos);
            now = deadlineNanos;
        }
    }
}
