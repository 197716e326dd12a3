package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void waitsUntilTheProbeAnswers200() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        URI probe = serve(() -> probes.incrementAndGet() < 4 ? 503 : 200);

        assertTrue(Readiness.await(probe, Duration.ofSeconds(10), () -> false));
        assertTrue(probes.get() >= 4);
    }

    @Test
    void givesUpAtTheTimeout() throws Exception {
        URI probe = serve(() -> 503);
        long started = System.nanoTime();

        assertFalse(Readiness.await(probe, Duration.ofMillis(600), () -> false));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void givesUpWhenToldTo() throws Exception {
        URI nobodyListens = URI.create("http://127.0.0.1:" + FreePorts.find() + "/health/readiness");

        assertFalse(Readiness.await(nobodyListens, Duration.ofMinutes(1), () -> true));
    }

    private URI serve(java.util.function.IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health/readiness", exchange -> {
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/readiness");
    }
}
