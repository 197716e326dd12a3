package dev.baton.local.bench;

import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal HTTP/1.1 client for one host: keep-alive connections, one request per connection at a time, all I/O on
 * a single selector thread, callbacks on that thread (so they must not block). On the shared 2-core machine the
 * JDK's HttpClient took about four times the CPU per exchange, much of it in hand-offs between threads, and the
 * generator's CPU is taken from the system it measures.
 */
final class HttpLoop implements AutoCloseable {

    interface Callback {
        void completed(ResponseParser.Response response);

        /** {@code error} names the failure, e.g. {@code ConnectException} or {@code timeout}. */
        void failed(String error);
    }

    /**
     * An encoded request. {@code resendable} when sending it twice has the effect of sending it once: a GET, a
     * POST with an {@code Idempotency-Key} (the API answers the repeat with the first one's operation), a
     * CloudEvent (its handlers are idempotent under at-least-once delivery, as a KafkaSource's redelivery needs).
     */
    record Request(byte[] bytes, boolean resendable) {
    }

    private record Exchange(Request request, long timeoutNanos, Callback callback) {
    }

    private static final boolean QUICK_ACK = quickAckSupported();
    private static final long TIMEOUT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final InetSocketAddress address;
    private final String hostHeader;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Exchange> submitted = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final Set<Connection> busy = new HashSet<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private volatile boolean open = true;
    private volatile int connections;

    HttpLoop(URI baseUrl) throws IOException {
        if (!"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs are supported: " + baseUrl);
        }
        int port = baseUrl.getPort() < 0 ? 80 : baseUrl.getPort();
        this.address = new InetSocketAddress(baseUrl.getHost(), port);
        this.hostHeader = baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + port);
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, "bench-http");
        thread.setDaemon(true);
        thread.start();
    }

    /** Encodes a request; done on the caller's thread to keep work off the selector thread. */
    Request request(String method, String target, String jsonBody) {
        return request(method, target, Map.of(), jsonBody == null ? null : "application/json",
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The same with headers of the caller's, e.g. a binary-mode CloudEvent's {@code ce-*}; header values must be
     * plain ASCII without line breaks.
     */
    Request request(String method, String target, Map<String, String> headers, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(160)
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Accept: application/json\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body;
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return new Request(request, method.equals("GET") || headers.keySet().stream().anyMatch(HttpLoop::makesItIdempotent));
    }

    private static boolean makesItIdempotent(String header) {
        return header.equalsIgnoreCase("Idempotency-Key") || header.equalsIgnoreCase("ce-id");
    }

    /** Thread-safe; the callback is called exactly once, unless the loop is closed first. */
    void send(Request request, long timeoutNanos, Callback callback) {
        submitted.add(new Exchange(request, timeoutNanos, callback));
        if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    int connections() {
        return connections;
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long nextTimeoutCheck = System.nanoTime() + TIMEOUT_CHECK_NANOS;
        try {
            while (open) {
                selector.select(this::onReady, TimeUnit.NANOSECONDS.toMillis(TIMEOUT_CHECK_NANOS));
                wakeupPending.set(false);
                startSubmitted();
                long now = System.nanoTime();
                if (now - nextTimeoutCheck >= 0) {
                    expire(now);
                    nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            System.err.println("baton bench: HTTP loop stopped: " + e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            closeQuietly(selector);
        }
    }

    private void startSubmitted() {
        Exchange exchange;
        // callbacks may submit more while this runs; they are taken in the same pass
        while ((exchange = submitted.poll()) != null) {
            Connection connection = takeIdle();
            if (connection == null) {
                try {
                    connection = new Connection();
                } catch (IOException e) {
                    notifyFailed(exchange.callback(), HttpErrors.name(e));
                    continue;
                }
            }
            try {
                connection.start(exchange, System.nanoTime());
            } catch (IOException | RuntimeException e) {
                connection.fail(HttpErrors.name(e));
            }
        }
    }

    /**
     * The longest idle first, and only one the server has not closed: a server that closes a connection right
     * after answering on it (too many idle ones, say) has its FIN seen here, before a request is written into it.
     */
    private Connection takeIdle() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (connection.isReusable()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private void onReady(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                connection.finishConnect();
            }
            if (key.isValid() && key.isWritable()) {
                connection.write();
            }
            if (key.isValid() && key.isReadable()) {
                connection.read();
            }
        } catch (IOException | RuntimeException e) {
            connection.fail(HttpErrors.name(e));
        }
    }

    private void expire(long now) {
        List<Connection> expired = new ArrayList<>();
        for (Connection connection : busy) {
            if (now - connection.deadlineNanos > 0) {
                expired.add(connection);
            }
        }
        expired.forEach(connection -> connection.fail("timeout"));
    }

    private static boolean quickAckSupported() {
        try (SocketChannel probe = SocketChannel.open()) {
            return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException e) {
            return false;
        }
    }

    private static void notifyFailed(Callback callback, String error) {
        try {
            callback.failed(error);
        } catch (RuntimeException e) {
            System.err.println("baton bench: callback failed: " + e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing after a failure; the failure has been reported
        }
    }

    /** One keep-alive connection; touched only by the selector thread. */
    private final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final ResponseParser parser = new ResponseParser();
        ByteBuffer out;
        Exchange exchange;
        long deadlineNanos;
        int uses;

        Connection() throws IOException {
            channel = SocketChannel.open();
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                quickAck();
                channel.connect(address);
                key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
            connections++;
        }

        void start(Exchange next, long now) throws IOException {
            exchange = next;
            uses++;
            deadlineNanos = now + next.timeoutNanos();
            out = ByteBuffer.wrap(next.request().bytes());
            parser.reset();
            busy.add(this);
            if (channel.isConnected()) {
                write();
            }
        }

        void finishConnect() throws IOException {
            if (channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_WRITE);
            }
        }

        void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void read() throws IOException {
            readBuffer.clear();
            int count = channel.read(readBuffer);
            if (exchange == null) {
                // an idle connection is only readable when the server closed it (or misbehaved)
                close();
                return;
            }
            if (count > 0) {
                readBuffer.flip();
                parser.append(readBuffer);
                quickAck();
            }
            ResponseParser.Response response = parser.parse(count < 0);
            if (response != null) {
                complete(response);
            } else if (count < 0) {
                fail(parser.isEmpty() ? "connection closed" : "truncated response");
            }
        }

        void complete(ResponseParser.Response response) {
            Callback callback = exchange.callback();
            exchange = null;
            busy.remove(this);
            if (response.keepAlive()) {
                idle.addLast(this);
            } else {
                close();
            }
            try {
                callback.completed(response);
            } catch (RuntimeException e) {
                System.err.println("baton bench: callback failed: " + e);
            }
        }

        /**
         * A request that failed on a reused connection before any byte of its response arrived (the server closed
         * or reset a kept-alive connection as the request went out) is sent again, if it is resendable: whether
         * the server read it or not, the repeat changes nothing. Any other is reported as failed.
         */
        void fail(String error) {
            Exchange failed = exchange;
            exchange = null;
            close();
            if (failed == null) {
                return;
            }
            boolean retry = uses > 1 && parser.isEmpty() && !error.equals("timeout") && failed.request().resendable();
            if (retry) {
                // each stale connection is closed, so this ends on a fresh one at the latest
                submitted.add(failed);
            } else {
                notifyFailed(failed.callback(), error);
            }
        }

        /**
         * Acknowledges at once what arrived. A server that writes headers and body separately with Nagle's algorithm
         * on (the JDK's HttpServer does) otherwise holds the body back until this side's delayed ACK, 40 ms later
         * on Linux, which would be measured as server latency. Linux turns quick ACKs off again by itself, hence
         * after every read.
         */
        void quickAck() {
            if (QUICK_ACK) {
                try {
                    channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
                } catch (IOException | UnsupportedOperationException e) {
                    // only a latency refinement; without it the exchange still works
                }
            }
        }

        /** Idle and still open: a read finds nothing, where a closed one gives end-of-stream or an error. */
        boolean isReusable() {
            if (!channel.isOpen()) {
                return false;
            }
            try {
                readBuffer.clear();
                return channel.read(readBuffer) == 0;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            if (channel.isOpen()) {
                connections--;
            }
            busy.remove(this);
            key.cancel();
            closeQuietly(channel);
        }
    }
}
