package dev.baton.local.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Sends one signup ({@code POST /users}) per call, asynchronously, and hands the accepted operation to the watcher.
 * Names and e-mails are unique per run ({@code bench-<runId>-<n>@example.com}) so every signup is approved; the
 * name is also the signup's {@code Idempotency-Key}.
 */
final class SignupSender implements LoadGenerator.Sender {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String JSON = "application/json";

    private final HttpLoop http;
    private final URI baseUrl;
    private final String namePrefix;
    private final Measurements measurements;
    private final OperationWatcher watcher;
    private final Semaphore postSlots;
    private final long timeoutNanos;

    SignupSender(HttpLoop http, URI baseUrl, String namePrefix, Measurements measurements,
                 OperationWatcher watcher, Semaphore postSlots, long timeoutNanos) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.namePrefix = namePrefix;
        this.measurements = measurements;
        this.watcher = watcher;
        this.postSlots = postSlots;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void send(long index, long intendedNanos) throws InterruptedException {
        // a full slot pool delays this send; the delay still counts, since latency starts at the intended time
        postSlots.acquire();
        Operation operation = new Operation(intendedNanos, measurements);
        String name = namePrefix + index;
        // Keyed by its name, so a POST the loop sends again after a reset connection is the same signup.
        HttpLoop.Request request = http.request("POST", baseUrl.getRawPath() + "/users", Map.of(IDEMPOTENCY_KEY, name), JSON,
                ("{\"name\":\"" + name + "\",\"email\":\"" + name + "@example.com\"}").getBytes(StandardCharsets.UTF_8));
        measurements.recordSent(intendedNanos, System.nanoTime());
        http.send(request, timeoutNanos, new HttpLoop.Callback() {
            @Override
            public void completed(HttpLoop.Response response) {
                postSlots.release();
                onResponse(operation, response);
            }

            @Override
            public void failed(String error) {
                postSlots.release();
                measurements.recordPostError("POST " + error);
            }
        });
    }

    private void onResponse(Operation operation, HttpLoop.Response response) {
        long now = System.nanoTime();
        if (response.status() / 100 != 2) {
            measurements.recordPostError("POST " + response.status());
            return;
        }
        OperationStatus body;
        try {
            body = OperationStatus.parse(response.body());
        } catch (Exception e) {
            body = null;
        }
        String pollPath = pollPath(response, body);
        if (pollPath == null) {
            measurements.recordPostError("POST no-operation-id");
            return;
        }
        measurements.recordAccepted(operation.intendedNanos, now);
        operation.pollPath = pollPath;
        if (body != null && body.done()) {
            measurements.recordTerminal(operation, body.completed(), now);
        } else {
            watcher.watch(operation);
        }
    }

    /** The Location header if there is one (that is the API's contract), else built from the body's id. */
    private String pollPath(HttpLoop.Response response, OperationStatus body) {
        if (response.location() != null && !response.location().isBlank()) {
            return baseUrl.resolve(response.location()).getRawPath();
        }
        if (body != null && body.id() != null && !body.id().isBlank()) {
            return baseUrl.getRawPath() + "/operations/" + body.id();
        }
        return null;
    }
}
