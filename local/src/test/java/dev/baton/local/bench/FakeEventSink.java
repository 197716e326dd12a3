package dev.baton.local.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a function's {@code POST /}: takes binary-mode CloudEvents after a delay, answers 200, or 400 for a
 * decision about a user it has not seen a request for (as the user function does), or for a non-CloudEvent.
 */
final class FakeEventSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final long delayMillis;
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> byType = new ConcurrentHashMap<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    FakeEventSink(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int count(String type) {
        AtomicInteger count = byType.get(type);
        return count == null ? 0 : count.get();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        int status;
        try {
            status = status(exchange);
        } finally {
            // before the answer: once it is written the client may send the next event in this slot
            concurrent.decrementAndGet();
        }
        answer(exchange, status);
    }

    private int status(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("ce-type");
        String subject = exchange.getRequestHeaders().getFirst("ce-subject");
        if (!"POST".equals(exchange.getRequestMethod()) || type == null || subject == null
                || exchange.getRequestHeaders().getFirst("ce-id") == null) {
            return exchange.getRequestURI().getPath().equals("/health") ? 200 : 400;
        }
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 503;
        }
        byType.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
        if (type.endsWith(".create.requested")) {
            users.add(subject);
        } else if (type.endsWith(".approval.decided") && !users.contains(subject)) {
            return 400;
        }
        return 200;
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] body = "{\"eventId\":\"x\",\"note\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
