package dev.baton.local.replay;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** done/total, rate and ETA every few seconds on stderr while a run is long; nothing for a short one. */
final class Progress implements AutoCloseable {
    private final long total;
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;

    Progress(long total, PrintStream out, long everyMillis) {
        this.total = total;
        this.out = out;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replay-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> out.println("[replay] " + line()), everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    void step() {
        done.incrementAndGet();
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    String line() {
        long now = done.get();
        double rate = now / Math.max(seconds(), 1e-3);
        String eta = rate <= 0 ? "?" : String.format(Locale.ROOT, "%.0f s", (total - now) / rate);
        return String.format(Locale.ROOT, "%d/%d (%.0f%%), %.1f/s, ETA %s", now, total,
                total == 0 ? 100.0 : 100.0 * now / total, rate, eta);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
