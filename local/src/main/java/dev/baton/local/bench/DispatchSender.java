package dev.baton.local.bench;

import java.util.concurrent.Semaphore;

/**
 * Sends one unit of the schedule per call as binary-mode CloudEvents to {@code POST /}, with at most the window's
 * permits of units in flight, as a KafkaSource's dispatcher holds at most so many unordered deliveries per consumer.
 * A unit's next event (the user's decision after its request) reuses the unit's permit and leaves as soon as the
 * previous one is accepted; it has no schedule of its own, so its latency starts when it is sent.
 */
final class DispatchSender implements LoadGenerator.Sender {

    private final HttpLoop http;
    private final String path;
    private final DispatchWorkload workload;
    private final DispatchMeasurements measurements;
    private final Semaphore window;
    private final long unitOffset;
    private final long timeoutNanos;

    /** @param unitOffset the number of the phase's first unit among the run's */
    DispatchSender(HttpLoop http, String path, DispatchWorkload workload, DispatchMeasurements measurements,
                   Semaphore window, long unitOffset, long timeoutNanos) {
        this.http = http;
        this.path = path;
        this.workload = workload;
        this.measurements = measurements;
        this.window = window;
        this.unitOffset = unitOffset;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void send(long index, long intendedNanos) throws InterruptedException {
        // a full window delays this send; the delay still counts, since latency starts at the intended time
        window.acquire();
        DispatchEvent event = workload.first(unitOffset + index);
        measurements.recordUnitSent(intendedNanos, System.nanoTime());
        post(event, intendedNanos);
    }

    private void post(DispatchEvent event, long startNanos) {
        HttpLoop.Request request = http.request("POST", path, event.headers(), DispatchEvent.CONTENT_TYPE, event.data());
        measurements.recordEventSent();
        http.send(request, timeoutNanos, new HttpLoop.Callback() {
            @Override
            public void completed(HttpLoop.Response response) {
                measurements.recordAnswer(event, response.status(), startNanos, System.nanoTime());
                DispatchEvent next = response.status() / 100 == 2 ? workload.after(event) : null;
                if (next != null) {
                    post(next, System.nanoTime());
                } else {
                    done();
                }
            }

            @Override
            public void failed(String error) {
                measurements.recordNoAnswer(error);
                done();
            }
        });
    }

    private void done() {
        measurements.recordUnitDone();
        window.release();
    }
}
