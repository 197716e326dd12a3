package dev.baton.local.bench;

import java.io.PrintStream;

/** The once-a-second progress line on stderr. */
final class ProgressPrinter {

    private final PrintStream err;
    private final OperationWatcher watcher;
    private final long startNanos;
    private volatile String phase = "start";
    private volatile Measurements current;
    private Measurements previous;
    private long previousSent;
    private long previousDone;
    private long previousNanos;

    ProgressPrinter(PrintStream err, OperationWatcher watcher, long startNanos) {
        this.err = err;
        this.watcher = watcher;
        this.startNanos = startNanos;
        this.previousNanos = startNanos;
    }

    void phase(String name, Measurements measurements) {
        phase = name;
        current = measurements;
    }

    /** Called from one timer thread only. */
    void print() {
        Measurements measurements = current;
        if (measurements == null) {
            return;
        }
        long now = System.nanoTime();
        Measurements.Counts counts = measurements.counts();
        long done = counts.completed() + counts.failed();
        if (measurements != previous) {
            previous = measurements;
            previousSent = 0;
            previousDone = 0;
        }
        double seconds = Math.max(1e-3, (now - previousNanos) / 1e9);
        err.printf("[bench] %-7s %6.1fs  sent %d  accepted %d  done %d  in flight %d (posting %d, polls %d"
                        + " +%d queued)  errors %d  rate %.0f/s  done %.0f/s%n",
                phase, (now - startNanos) / 1e9, counts.sent(), counts.accepted(), done,
                counts.lost() + counts.unanswered(), counts.unanswered(), watcher.inflight(), watcher.queued(),
                measurements.errorCount(),
                (counts.sent() - previousSent) / seconds, (done - previousDone) / seconds);
        previousSent = counts.sent();
        previousDone = done;
        previousNanos = now;
    }
}
