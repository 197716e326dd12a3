package dev.baton.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a function jar in launcher tests: {@code serve} answers its readiness probe at once,
 * {@code unready} never does, {@code crash} dies at start. {@code GET /env?NAME} echoes an environment variable,
 * {@code POST /exit} exits with code 3.
 */
public final class FakeFunction {

    public static void main(String[] args) throws IOException {
        String mode = args.length == 0 ? "serve" : args[0];
        if (mode.equals("crash")) {
            System.out.println("fake function: cannot start, boom");
            System.exit(7);
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health/readiness", exchange -> respond(exchange, mode.equals("serve") ? 200 : 503, mode));
        server.createContext("/env", exchange -> {
            String value = System.getenv(exchange.getRequestURI().getQuery());
            respond(exchange, value == null ? 404 : 200, value == null ? "" : value);
        });
        server.createContext("/exit", exchange -> {
            respond(exchange, 200, "bye");
            System.out.println("fake function: exiting as asked");
            System.exit(3);
        });
        server.start();
        System.out.println("fake function: listening on " + port);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
