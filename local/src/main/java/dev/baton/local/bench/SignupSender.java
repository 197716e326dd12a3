package dev.baton.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Sends one signup ({@code POST /users}) per call, asynchronously, and hands the accepted operation to the watcher.
 * Names and e-mails are unique per run ({@code bench-<runId>-<n>@example.com}) so every signup is approved.
 */
final class SignupSender implements LoadGenerator.Sender {

    private final HttpClient client;
    private final URI baseUrl;
    private final URI usersUri;
    private final String namePrefix;
    private final Measurements measurements;
    private final OperationWatcher watcher;
    private final Semaphore postSlots;
    private final Duration timeout;

    SignupSender(HttpClient client, URI baseUrl, String namePrefix, Measurements measurements,
                 OperationWatcher watcher, Semaphore postSlots, Duration timeout) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.usersUri = URI.create(baseUrl + "/users");
        this.namePrefix = namePrefix;
        this.measurements = measurements;
        this.watcher = watcher;
        this.postSlots = postSlots;
        this.timeout = timeout;
    }

    @Override
    public void send(long index, long intendedNanos) throws InterruptedException {
        // a full slot pool delays this send; the delay still counts, since latency starts at the intended time
        postSlots.acquire();
        Operation operation = new Operation(intendedNanos, measurements);
        String name = namePrefix + index;
        HttpRequest request = HttpRequest.newBuilder(usersUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"email\":\"" + name + "@example.com\"}"))
                .build();
        measurements.recordSent(intendedNanos, System.nanoTime());
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, failure) -> {
                        postSlots.release();
                        onResponse(operation, response, failure);
                    });
        } catch (RuntimeException e) {
            postSlots.release();
            measurements.recordPostError("POST " + e.getClass().getSimpleName());
        }
    }

    private void onResponse(Operation operation, HttpResponse<byte[]> response, Throwable failure) {
        long now = System.nanoTime();
        if (failure != null) {
            measurements.recordPostError("POST " + HttpErrors.name(failure));
            return;
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            measurements.recordPostError("POST " + status);
            return;
        }
        OperationStatus body;
        try {
            body = OperationStatus.parse(response.body());
        } catch (Exception e) {
            body = null;
        }
        URI pollUri = pollUri(response, body);
        if (pollUri == null) {
            measurements.recordPostError("POST no-operation-id");
            return;
        }
        measurements.recordAccepted(operation.intendedNanos, now);
        operation.pollUri = pollUri;
        if (body != null && body.done()) {
            measurements.recordTerminal(operation, body.completed(), now);
        } else {
            watcher.watch(operation);
        }
    }

    /** The Location header if there is one (that is the API's contract), else built from the body's id. */
    private URI pollUri(HttpResponse<byte[]> response, OperationStatus body) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isPresent()) {
            return baseUrl.resolve(location.get());
        }
        if (body != null && body.id() != null && !body.id().isBlank()) {
            return URI.create(baseUrl + "/operations/" + body.id());
        }
        return null;
    }
}
