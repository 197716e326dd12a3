package dev.baton.local.bench;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows accepted operations to their terminal state with long polls ({@code GET /operations/{id}?wait=}), at most
 * {@code maxInflight} at a time; the others queue for a slot. An operation that is still pending when its poll
 * returns is polled again, until {@link #stop()}.
 */
final class OperationWatcher {

    /** A poll that came back pending sooner than this is taken as a server that does not wait, and backed off. */
    private static final long EARLY_RETURN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    /** Beyond the long-poll wait, how long a GET may take before it counts as timed out. */
    private static final Duration REQUEST_SLACK = Duration.ofSeconds(10);

    private final HttpLoop http;
    private final ScheduledExecutorService timer;
    private final Duration wait;
    private final int maxInflight;
    private final Queue<Operation> waiting = new ConcurrentLinkedQueue<>();
    /** ConcurrentLinkedQueue.size() walks the queue, too slow to call per operation. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger maxQueued = new AtomicInteger();
    private volatile long deadlineNanos;
    private volatile boolean deadlineSet;
    private volatile boolean stopped;

    OperationWatcher(HttpLoop http, ScheduledExecutorService timer, Duration wait, int maxInflight) {
        this.http = http;
        this.timer = timer;
        this.wait = wait;
        this.maxInflight = maxInflight;
    }

    void watch(Operation operation) {
        if (stopped) {
            return;
        }
        enqueue(operation);
        pump();
    }

    /** From now on no poll waits past this moment, so a run ends close to its drain deadline. */
    void setDeadline(long nanos) {
        deadlineNanos = nanos;
        deadlineSet = true;
    }

    void stop() {
        stopped = true;
    }

    int inflight() {
        return inflight.get();
    }

    int queued() {
        return queued.get();
    }

    /** The most operations that were waiting for a poll slot at once; above 0, terminal states were seen late. */
    int maxQueued() {
        return maxQueued.get();
    }

    private void pump() {
        while (!stopped && !waiting.isEmpty()) {
            if (!tryTakeSlot()) {
                maxQueued.accumulateAndGet(queued.get(), Math::max);
                return;
            }
            Operation operation = waiting.poll();
            if (operation == null) {
                inflight.decrementAndGet();
                continue;
            }
            queued.decrementAndGet();
            poll(operation);
        }
    }

    private boolean tryTakeSlot() {
        int current;
        do {
            current = inflight.get();
            if (current >= maxInflight) {
                return false;
            }
        } while (!inflight.compareAndSet(current, current + 1));
        return true;
    }

    private void poll(Operation operation) {
        Duration pollWait = pollWait();
        if (pollWait.isZero()) {
            // past the deadline: drop it; pump's loop (not releaseSlot) so a long queue does not recurse
            inflight.decrementAndGet();
            return;
        }
        HttpLoop.Request request = http.request("GET", operation.pollPath + "?wait=" + Durations.format(pollWait), null);
        long sentNanos = System.nanoTime();
        http.send(request, pollWait.plus(REQUEST_SLACK).toNanos(), new HttpLoop.Callback() {
            @Override
            public void completed(HttpLoop.Response response) {
                try {
                    onResponse(operation, sentNanos, response);
                } finally {
                    releaseSlot();
                }
            }

            @Override
            public void failed(String error) {
                try {
                    if (!stopped) {
                        operation.measurements.recordPollError("GET " + error);
                        retryLater(operation);
                    }
                } finally {
                    releaseSlot();
                }
            }
        });
    }

    private void onResponse(Operation operation, long sentNanos, HttpLoop.Response response) {
        long now = System.nanoTime();
        if (stopped) {
            return;
        }
        Measurements measurements = operation.measurements;
        if (response.status() != 200) {
            measurements.recordPollError("GET " + response.status());
            retryLater(operation);
            return;
        }
        OperationStatus status;
        try {
            status = OperationStatus.parse(response.body());
        } catch (Exception e) {
            measurements.recordPollError("GET bad-body");
            retryLater(operation);
            return;
        }
        if (status.done()) {
            measurements.recordTerminal(operation, status.completed(), now);
        } else if (now - sentNanos < EARLY_RETURN_NANOS) {
            retryLater(operation);
        } else {
            enqueue(operation);
        }
    }

    private void enqueue(Operation operation) {
        waiting.add(operation);
        queued.incrementAndGet();
    }

    private void retryLater(Operation operation) {
        timer.schedule(() -> watch(operation), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void releaseSlot() {
        inflight.decrementAndGet();
        pump();
    }

    /** The configured wait, cut to whole seconds before the deadline once it is known; zero once it has passed. */
    private Duration pollWait() {
        if (!deadlineSet) {
            return wait;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return Duration.ZERO;
        }
        Duration untilDeadline = Duration.ofSeconds((remaining + 999_999_999L) / 1_000_000_000L);
        return untilDeadline.compareTo(wait) < 0 ? untilDeadline : wait;
    }
}
