package dev.baton.local.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpLoopTest {

    @Test
    void reusesKeepAliveConnectionsAndDeliversEveryResponse() throws Exception {
        try (FakeOperationApi api = new FakeOperationApi(FakeOperationApi.Behaviour.allComplete(Duration.ZERO));
             HttpLoop http = new HttpLoop(api.url())) {
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 50; i++) {
                CompletableFuture<Integer> status = send(http, http.request("POST", "/users", "{\"name\":\"n" + i + "\"}"));
                statuses.add(status.get(10, TimeUnit.SECONDS));
            }

            assertEquals(50, statuses.stream().filter(status -> status == 202).count());
            assertEquals(1, http.connections(), "one after the other, all on one connection");
        }
    }

    @Test
    void doesNotFailWhenTheServerClosesAKeptAliveConnection() throws Exception {
        // answers one request per connection and closes it, without saying "Connection: close"
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpLoop http = new HttpLoop(URI.create("http://127.0.0.1:" + server.getLocalPort()))) {
            Thread serverThread = new Thread(() -> answerOncePerConnection(server));
            serverThread.setDaemon(true);
            serverThread.start();

            for (int i = 0; i < 20; i++) {
                assertEquals(200, send(http, http.request("GET", "/operations/x?wait=1s", null)).get(10, TimeUnit.SECONDS));
            }
        }
    }

    private static void answerOncePerConnection(ServerSocket server) {
        while (!server.isClosed()) {
            try (java.net.Socket socket = server.accept()) {
                java.io.InputStream in = socket.getInputStream();
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * A server that answers the first request of each connection and drops the connection on the second after
     * reading it, as a server closing a kept-alive connection does when the request is already on its way.
     */
    @Test
    void aResendablePostIsSentAgainWhenItsKeptAliveConnectionIsDroppedAndAnyOtherIsNot() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpLoop http = new HttpLoop(URI.create("http://127.0.0.1:" + server.getLocalPort()))) {
            Thread serverThread = new Thread(() -> dropSecondRequestOfEachConnection(server, received));
            serverThread.setDaemon(true);
            serverThread.start();

            assertEquals(200, send(http, http.request("GET", "/operations/x", null)).get(10, TimeUnit.SECONDS));
            HttpLoop.Request keyed = http.request("POST", "/users", Map.of("Idempotency-Key", "bench-1"), "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertTrue(keyed.resendable());
            assertEquals(200, send(http, keyed).get(10, TimeUnit.SECONDS), "sent again on a fresh connection");
            assertEquals(2, received.stream().filter(head -> head.contains("Idempotency-Key: bench-1")).count(), received.toString());

            HttpLoop.Request unkeyed = http.request("POST", "/users", "{}");
            assertFalse(unkeyed.resendable());
            assertEquals("connection closed", failure(http, unkeyed, 5_000).get(10, TimeUnit.SECONDS));
            assertEquals(1, received.stream().filter(head -> head.startsWith("POST") && !head.contains("Idempotency-Key")).count(),
                    "a POST without a key is sent once: " + received);
        }
    }

    private static void dropSecondRequestOfEachConnection(ServerSocket server, List<String> received) {
        while (!server.isClosed()) {
            try (java.net.Socket socket = server.accept()) {
                java.io.InputStream in = socket.getInputStream();
                for (int request = 1; ; request++) {
                    String head = readHead(in);
                    if (head == null) {
                        break;
                    }
                    int length = head.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                            .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(0);
                    in.readNBytes(length);
                    received.add(head);
                    if (request > 1) {
                        break;
                    }
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String readHead(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void namesConnectFailuresAndTimeouts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (HttpLoop http = new HttpLoop(URI.create("http://127.0.0.1:" + closedPort))) {
            CompletableFuture<String> error = failure(http, http.request("GET", "/operations/x", null), 5_000);
            assertEquals("ConnectException", error.get(10, TimeUnit.SECONDS));
        }
        // a server that accepts but never answers
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             HttpLoop http = new HttpLoop(URI.create("http://127.0.0.1:" + silent.getLocalPort()))) {
            CompletableFuture<String> error = failure(http, http.request("GET", "/operations/x", null), 200);
            await().atMost(Duration.ofSeconds(10)).until(error::isDone);
            assertEquals("timeout", error.get());
            assertEquals(0, http.connections(), "a timed-out connection is closed, not reused");
        }
    }

    @Test
    void requestsCarryHostAndBodyOnTheWire() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpLoop http = new HttpLoop(URI.create("http://localhost:" + server.getLocalPort()))) {
            Thread serverThread = new Thread(() -> {
                try (java.net.Socket socket = server.accept()) {
                    String head = readHead(socket.getInputStream());
                    received.add(head);
                    bodies.add(socket.getInputStream().readNBytes(13));
                    socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    received.add("failed: " + e);
                }
            });
            serverThread.setDaemon(true);
            serverThread.start();

            assertEquals(204, send(http, http.request("POST", "/users", "{\"name\":\"é\"}")).get(10, TimeUnit.SECONDS));

            String head = received.get(0);
            assertTrue(head.startsWith("POST /users HTTP/1.1\r\n"), head);
            assertTrue(head.toLowerCase().contains("\r\nhost: localhost:" + server.getLocalPort() + "\r\n"), head);
            assertTrue(head.toLowerCase().contains("\r\ncontent-length: 13\r\n"), "length in bytes, not chars: " + head);
            assertEquals("{\"name\":\"é\"}", new String(bodies.get(0), StandardCharsets.UTF_8));
        }
    }

    /** What the API's server may send: a chunked body, a body that ends with the connection, and what is not HTTP. */
    @Test
    void readsChunkedAndUntilCloseBodiesAndRejectsWhatIsNotHttp() throws Exception {
        String[] answers = {
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;ext=1\r\n:1}\r\n0\r\n\r\n",
                "HTTP/1.0 404 Not Found\r\n\r\nnope",
                "SSH-2.0-OpenSSH\r\n\r\n"};
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpLoop http = new HttpLoop(URI.create("http://127.0.0.1:" + server.getLocalPort()))) {
            Thread serverThread = new Thread(() -> {
                for (String answer : answers) {
                    try (java.net.Socket socket = server.accept()) {
                        readHead(socket.getInputStream());
                        socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            serverThread.setDaemon(true);
            serverThread.start();

            CompletableFuture<HttpLoop.Response> chunked = response(http, http.request("GET", "/a", null));
            assertEquals("{\"a\":1}", new String(chunked.get(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8));
            CompletableFuture<HttpLoop.Response> untilClose = response(http, http.request("GET", "/b", null));
            assertEquals(404, untilClose.get(10, TimeUnit.SECONDS).status());
            assertEquals("nope", new String(untilClose.get().body(), StandardCharsets.UTF_8));
            assertEquals("invalid response", failure(http, http.request("GET", "/c", null), 5_000).get(10, TimeUnit.SECONDS));
        }
    }

    private static CompletableFuture<HttpLoop.Response> response(HttpLoop http, HttpLoop.Request request) {
        CompletableFuture<HttpLoop.Response> answer = new CompletableFuture<>();
        http.send(request, TimeUnit.SECONDS.toNanos(5), new HttpLoop.Callback() {
            @Override
            public void completed(HttpLoop.Response response) {
                answer.complete(response);
            }

            @Override
            public void failed(String error) {
                answer.completeExceptionally(new IOException(error));
            }
        });
        return answer;
    }

    private static CompletableFuture<Integer> send(HttpLoop http, HttpLoop.Request request) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        http.send(request, TimeUnit.SECONDS.toNanos(5), new HttpLoop.Callback() {
            @Override
            public void completed(HttpLoop.Response response) {
                status.complete(response.status());
            }

            @Override
            public void failed(String error) {
                status.completeExceptionally(new IOException(error));
            }
        });
        return status;
    }

    private static CompletableFuture<String> failure(HttpLoop http, HttpLoop.Request request, long timeoutMillis) {
        CompletableFuture<String> error = new CompletableFuture<>();
        http.send(request, TimeUnit.MILLISECONDS.toNanos(timeoutMillis), new HttpLoop.Callback() {
            @Override
            public void completed(HttpLoop.Response response) {
                error.complete("completed " + response.status());
            }

            @Override
            public void failed(String failure) {
                error.complete(failure);
            }
        });
        return error;
    }
}
