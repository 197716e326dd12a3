package dev.baton.local;

import java.time.Duration;

/**
 * How the launcher restarts a function that exits on its own, as Kubernetes restarts a crashed container.
 *
 * @param firstDelay wait before restarting after a crash; doubled for each further crash within {@code window}
 * @param maxDelay   cap on one wait
 * @param maxCrashes crashes within {@code window} after which the launcher gives up and stops the stack
 * @param window     how far back crashes count; one that ran longer than this without a crash starts again at {@code firstDelay}
 */
public record RestartPolicy(Duration firstDelay, Duration maxDelay, int maxCrashes, Duration window) {

    public static final RestartPolicy DEFAULT =
            new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofSeconds(60));

    public RestartPolicy {
        if (maxCrashes < 1) {
            throw new IllegalArgumentException("maxCrashes must be at least 1, not " + maxCrashes);
        }
    }

    /** The wait after the {@code crashes}-th crash within the window (1-based): firstDelay × 2^(crashes-1), capped. */
    Duration delay(int crashes) {
        long millis = firstDelay.toMillis() << Math.min(crashes - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
