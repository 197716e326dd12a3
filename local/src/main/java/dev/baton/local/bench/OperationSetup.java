package dev.baton.local.bench;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The not-measured setup of {@code --dispatch operation}: the operations the completions are for, created through
 * the public API ({@code POST /users}) as fast as {@code concurrency} POSTs at a time go. With the stack's local
 * delivery on, the saga completes them by itself; then it waits for that, so that the measured completions are all
 * duplicates and the saga's own work is not in the measured window.
 */
final class OperationSetup {

    record Created(String id, String name) {
    }

    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** The last operations created are the last the saga finishes, give or take the partitions. */
    private static final int SETTLE_SAMPLE = 20;

    private final HttpLoop http;
    private final URI baseUrl;
    private final int concurrency;
    private final PrintStream err;

    OperationSetup(HttpLoop http, URI baseUrl, int concurrency, PrintStream err) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.concurrency = concurrency;
        this.err = err;
    }

    List<Created> create(String runId, long count, boolean sagaRuns) throws InterruptedException, Failure {
        long start = System.nanoTime();
        AtomicReferenceArray<Created> created = new AtomicReferenceArray<>((int) count);
        AtomicReferenceArray<String> failures = new AtomicReferenceArray<>((int) count);
        Semaphore window = new Semaphore(concurrency);
        for (int i = 0; i < count; i++) {
            window.acquire();
            int index = i;
            String name = "bench-" + runId + "-op" + i;
            HttpLoop.Request request = http.request("POST", baseUrl.getRawPath() + "/users",
                    Map.of(SignupSender.IDEMPOTENCY_KEY, name), SignupSender.JSON,
                    ("{\"name\":\"" + name + "\",\"email\":\"" + DispatchEvents.emailFor(name) + "\"}").getBytes(StandardCharsets.UTF_8));
            http.send(request, TIMEOUT_NANOS, new HttpLoop.Callback() {
                @Override
                public void completed(HttpLoop.Response response) {
                    String id = response.status() / 100 == 2 ? operationId(response) : null;
                    if (id == null) {
                        failures.set(index, "POST /users " + response.status());
                    } else {
                        created.set(index, new Created(id, name));
                    }
                    window.release();
                }

                @Override
                public void failed(String error) {
                    failures.set(index, "POST /users " + error);
                    window.release();
                }
            });
        }
        window.acquire(concurrency);
        List<Created> operations = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            if (created.get(i) == null) {
                throw new Failure("setup: signup " + i + " of " + count + " not accepted (" + failures.get(i) + ")");
            }
            operations.add(created.get(i));
        }
        err.printf("[bench] setup: %d operations created in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        if (sagaRuns) {
            awaitSagas(operations);
        }
        return operations;
    }

    /** Long-polls the last operations created until they are done, then leaves a second for the stragglers. */
    private void awaitSagas(List<Created> operations) throws InterruptedException, Failure {
        for (Created operation : operations.subList(Math.max(0, operations.size() - SETTLE_SAMPLE), operations.size())) {
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            HttpLoop.Request poll = http.request("GET", baseUrl.getRawPath() + "/operations/" + operation.id() + "?wait=10s", null);
            http.send(poll, TIMEOUT_NANOS, new HttpLoop.Callback() {
                @Override
                public void completed(HttpLoop.Response response) {
                    done.complete(isDone(response));
                }

                @Override
                public void failed(String error) {
                    done.complete(false);
                }
            });
            try {
                if (!done.get(30, TimeUnit.SECONDS)) {
                    throw new Failure("setup: the saga did not finish operation " + operation.id() + " within 10 s");
                }
            } catch (ExecutionException | TimeoutException e) {
                throw new Failure("setup: no answer about operation " + operation.id());
            }
        }
        Thread.sleep(1000);
        err.println("[bench] setup: the stack's own saga has finished them (local delivery is on)");
    }

    private static boolean isDone(HttpLoop.Response response) {
        try {
            return response.status() == 200 && OperationStatus.parse(response.body()).done();
        } catch (Exception e) {
            return false;
        }
    }

    /** From the Location header ({@code /operations/{id}}), else from the body. */
    private static String operationId(HttpLoop.Response response) {
        String location = response.location();
        if (location != null && location.contains("/operations/")) {
            return location.substring(location.lastIndexOf('/') + 1);
        }
        try {
            return OperationStatus.parse(response.body()).id();
        } catch (Exception e) {
            return null;
        }
    }
}
