package dev.baton.local.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the measured system: the two public endpoints, with operations that finish asynchronously after
 * a delay. The n-th signup (counting from 1 in arrival order) fails when n is a multiple of {@code failEvery},
 * never finishes when n is {@code neverCompletes}, and is refused with 503 when n is {@code rejected}.
 */
final class FakeOperationApi implements AutoCloseable {

    record Behaviour(Duration delay, int failEvery, int neverCompletes, int rejected) {
        static Behaviour allComplete(Duration delay) {
            return new Behaviour(delay, 0, 0, 0);
        }
    }

    private record StoredOperation(String id, Instant createdAt, String request, CompletableFuture<String> state) {
    }

    private final Behaviour behaviour;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService completions = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, StoredOperation> operations = new ConcurrentHashMap<>();
    private final AtomicInteger posts = new AtomicInteger();
    private final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger concurrentPolls = new AtomicInteger();
    private final AtomicInteger maxConcurrentPolls = new AtomicInteger();

    FakeOperationApi(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/users", this::handleSignup);
        server.createContext("/operations/", this::handlePoll);
        server.setExecutor(handlers);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int posts() {
        return posts.get();
    }

    /** The distinct {@code Idempotency-Key}s the POSTs carried. */
    int idempotencyKeys() {
        return idempotencyKeys.size();
    }

    int polls() {
        return polls.get();
    }

    int maxConcurrentPolls() {
        return maxConcurrentPolls.get();
    }

    /** Creates a signup's operation as POST would, for tests that poll without posting. */
    String createOperation() {
        return create("{}", posts.incrementAndGet()).id();
    }

    private void handleSignup(HttpExchange exchange) throws IOException {
        try (exchange) {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, "{}");
                return;
            }
            int number = posts.incrementAndGet();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
                idempotencyKeys.add(key);
            }
            if (number == behaviour.rejected()) {
                respond(exchange, 503, "{\"message\":\"busy\"}");
                return;
            }
            StoredOperation operation = create(request, number);
            exchange.getResponseHeaders().add("Location", "/operations/" + operation.id());
            respond(exchange, 202, json(operation, "PENDING"));
        }
    }

    private StoredOperation create(String request, int number) {
        StoredOperation operation = new StoredOperation("op-" + number, Instant.now(), request,
                new CompletableFuture<>());
        operations.put(operation.id(), operation);
        if (number != behaviour.neverCompletes()) {
            String outcome = behaviour.failEvery() > 0 && number % behaviour.failEvery() == 0 ? "FAILED" : "COMPLETED";
            completions.schedule(() -> operation.state().complete(outcome),
                    behaviour.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
        return operation;
    }

    private void handlePoll(HttpExchange exchange) throws IOException {
        polls.incrementAndGet();
        maxConcurrentPolls.accumulateAndGet(concurrentPolls.incrementAndGet(), Math::max);
        int status;
        String body;
        try {
            String id = exchange.getRequestURI().getPath().substring("/operations/".length());
            StoredOperation operation = operations.get(id);
            status = operation == null ? 404 : 200;
            body = operation == null ? "{\"message\":\"no such operation\"}"
                    : json(operation, awaitState(operation, waitOf(exchange.getRequestURI())));
        } finally {
            // before answering: once the client has the answer it may rightly send its next poll
            concurrentPolls.decrementAndGet();
        }
        try (exchange) {
            respond(exchange, status, body);
        }
    }

    private static String awaitState(StoredOperation operation, Duration wait) {
        try {
            return operation.state().get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return "PENDING";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "PENDING";
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration waitOf(URI uri) {
        String query = uri.getQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("wait=")) {
                    return Durations.parse(parameter.substring("wait=".length()));
                }
            }
        }
        return Duration.ZERO;
    }

    private static String json(StoredOperation operation, String state) {
        boolean done = !state.equals("PENDING");
        String error = state.equals("FAILED")
                ? "{\"code\":\"APPROVAL_REJECTED\",\"message\":\"rejected\"}" : "null";
        String result = state.equals("COMPLETED") ? "{\"userId\":\"u-" + operation.id() + "\"}" : "null";
        return "{\"id\":\"" + operation.id() + "\",\"type\":\"user.create\",\"state\":\"" + state + "\","
                + "\"done\":" + done + ",\"createdAt\":\"" + operation.createdAt() + "\","
                + "\"updatedAt\":\"" + Instant.now() + "\",\"request\":" + operation.request() + ","
                + "\"result\":" + result + ",\"error\":" + error + "}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        completions.shutdownNow();
        handlers.shutdownNow();
    }
}
