package dev.baton.local.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the selection to a target with at most {@code concurrency} records in flight and at most
 * {@code rate} started per second (0: no limit), shows progress, and ends with a summary. The first
 * error that ends the run (a refusal with --on-4xx stop, a lost broker or URL) stops new sends; those
 * in flight finish.
 */
final class Sender {
    /** What a run did. */
    record Summary(long ok, long rejected, long failed, String text) {
        int exitCode() {
            return rejected + failed == 0 ? 0 : ReplayException.FAILED;
        }
    }

    private final int concurrency;
    private final double rate;
    private final long progressMillis;
    private final Object pace = new Object();
    private long nextStart = System.nanoTime();

    Sender(int concurrency, double rate, long progressMillis) {
        if (concurrency < 1) {
            throw ReplayException.usage("--concurrency needs 1 or more");
        }
        if (rate < 0) {
            throw ReplayException.usage("--rate needs 0 (no limit) or more");
        }
        this.concurrency = concurrency;
        this.rate = rate;
        this.progressMillis = progressMillis;
    }

    Summary send(List<ConsumerRecord<String, byte[]>> records, Target target, PrintStream err) {
        AtomicLong ok = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "replay-send");
            thread.setDaemon(true);
            return thread;
        });
        double seconds;
        try (Progress progress = new Progress(records.size(), err, progressMillis)) {
            List<Future<?>> futures = new ArrayList<>();
            java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(concurrency);
            for (ConsumerRecord<String, byte[]> record : records) {
                acquire(window);
                if (stop.get()) {
                    window.release();
                    break;
                }
                waitForTurn();
                futures.add(workers.submit(() -> {
                    try {
                        if (stop.get()) {
                            return;
                        }
                        switch (target.send(record)) {
                            case OK -> ok.incrementAndGet();
                            case REJECTED -> rejected.incrementAndGet();
                            case FAILED -> failed.incrementAndGet();
                        }
                    } catch (Target.Refused e) {
                        rejected.incrementAndGet();
                        if (fatal.compareAndSet(null, new ReplayException(ReplayException.REJECTED, e.getMessage()))) {
                            stop.set(true);
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        if (fatal.compareAndSet(null, e)) {
                            stop.set(true);
                        }
                    } finally {
                        progress.step();
                        window.release();
                    }
                }));
            }
            for (Future<?> future : futures) {
                await(future);
            }
            seconds = progress.seconds();
        } finally {
            workers.shutdownNow();
        }
        long unsent = records.size() - ok.get() - rejected.get() - failed.get();
        String text = String.format(Locale.ROOT, "%d of %d records in %.1f s: %s%s", ok.get() + rejected.get() + failed.get(),
                records.size(), seconds, target.summarise(ok.get(), rejected.get(), failed.get()),
                unsent > 0 ? ", not sent " + unsent : "");
        err.println("[replay] " + (fatal.get() == null ? "done: " : "stopped: ") + text);
        if (fatal.get() != null) {
            throw fatal.get();
        }
        return new Summary(ok.get(), rejected.get(), failed.get(), text);
    }

    /** Spaces starts 1/rate apart; a pause to keep the rate, not to wait for anything. */
    private void waitForTurn() {
        if (rate <= 0) {
            return;
        }
        long wait;
        synchronized (pace) {
            long now = System.nanoTime();
            long start = Math.max(now, nextStart);
            nextStart = start + (long) (1e9 / rate);
            wait = start - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void acquire(java.util.concurrent.Semaphore window) {
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.FAILED, "interrupted");
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
