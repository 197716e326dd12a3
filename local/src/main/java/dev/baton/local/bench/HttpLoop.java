package dev.baton.local.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's HTTP/1.1 client for one host, on Netty (on the classpath already, through Micronaut): one
 * event loop thread does all the I/O with its {@code HttpClientCodec}, keep-alive connections carry one request
 * at a time, and the callbacks run on that thread (so they must not block). One thread and no hand-offs, because
 * the generator's CPU is taken from the system it measures; the JDK's HttpClient, tried first, cost about four
 * times the CPU per exchange on the 2-core machine.
 */
final class HttpLoop implements AutoCloseable {

    interface Callback {
        void completed(Response response);

        /** {@code error} names the failure, e.g. {@code ConnectException} or {@code timeout}. */
        void failed(String error);
    }

    record Response(int status, String location, byte[] body) {
    }

    /**
     * A request. {@code resendable} when sending it twice has the effect of sending it once: a GET, a POST with an
     * {@code Idempotency-Key} (the API answers the repeat with the first one's operation), a CloudEvent (its
     * handlers are idempotent under at-least-once delivery, as a KafkaSource's redelivery needs).
     */
    record Request(HttpMethod method, String target, HttpHeaders headers, byte[] body, boolean resendable) {
    }

    private record Exchange(Request request, long timeoutNanos, Callback callback) {
    }

    private static final long TIMEOUT_CHECK_MILLIS = 50;
    /** The API's answers are a few hundred bytes; anything near this is not one of them. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final ChannelOption<Boolean> QUICK_ACK = quickAckOption();

    private final String hostHeader;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final Set<Connection> busy = new HashSet<>();
    private volatile int connections;

    HttpLoop(URI baseUrl) {
        if (!"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs are supported: " + baseUrl);
        }
        int port = baseUrl.getPort() < 0 ? 80 : baseUrl.getPort();
        this.hostHeader = baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + port);
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-http", true), NioIoHandler.newFactory());
        this.loop = group.next();
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(baseUrl.getHost(), port)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Connection connection = new Connection(channel);
                        channel.pipeline().addLast(connection.arrivals, new HttpClientCodec(),
                                new HttpObjectAggregator(MAX_RESPONSE_BYTES), connection);
                    }
                });
        loop.scheduleAtFixedRate(this::expire, TIMEOUT_CHECK_MILLIS, TIMEOUT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A request with a JSON body, or none when {@code jsonBody} is null. */
    Request request(String method, String target, String jsonBody) {
        return request(method, target, Map.of(), jsonBody == null ? null : "application/json",
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8));
    }

    /** The same with headers of the caller's, e.g. a binary-mode CloudEvent's {@code ce-*}. Built on the caller's thread. */
    Request request(String method, String target, Map<String, String> headers, String contentType, byte[] body) {
        HttpHeaders all = new DefaultHttpHeaders()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.ACCEPT, "application/json");
        headers.forEach(all::set);
        byte[] content = body == null ? new byte[0] : body;
        if (body != null) {
            all.set(HttpHeaderNames.CONTENT_TYPE, contentType).set(HttpHeaderNames.CONTENT_LENGTH, content.length);
        }
        boolean resendable = method.equals("GET") || all.contains("Idempotency-Key") || all.contains("ce-id");
        return new Request(HttpMethod.valueOf(method), target, all, content, resendable);
    }

    /** Thread-safe; the callback is called exactly once, unless the loop is closed first. */
    void send(Request request, long timeoutNanos, Callback callback) {
        Exchange exchange = new Exchange(request, timeoutNanos, callback);
        if (loop.inEventLoop()) {
            dispatch(exchange);
        } else {
            loop.execute(() -> dispatch(exchange));
        }
    }

    int connections() {
        return connections;
    }

    /**
     * Whether anything answers a GET of {@code target}: null once any HTTP answer came, else why none did. Blocks
     * for up to 15 s, so for a probe before a run, never on the event loop.
     */
    String whyUnreachable(String target) throws InterruptedException {
        CompletableFuture<String> answer = new CompletableFuture<>();
        send(request("GET", target, null), TimeUnit.SECONDS.toNanos(10), new Callback() {
            @Override
            public void completed(Response response) {
                answer.complete(null);
            }

            @Override
            public void failed(String error) {
                answer.complete(error);
            }
        });
        try {
            return answer.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "no answer";
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** On an idle connection, or on a new one. */
    private void dispatch(Exchange exchange) {
        Connection connection = takeIdle();
        if (connection != null) {
            connection.start(exchange);
            return;
        }
        ChannelFuture connect = bootstrap.connect();
        Connection fresh = connect.channel().pipeline().get(Connection.class);
        fresh.start(exchange);
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                fresh.fail(name(done.cause()));
            }
        });
    }

    /** The longest idle first, and only one the server has not closed. */
    private Connection takeIdle() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (connection.channel.isActive()) {
                return connection;
            }
        }
        return null;
    }

    private void expire() {
        long now = System.nanoTime();
        List<Connection> expired = new ArrayList<>();
        for (Connection connection : busy) {
            if (now - connection.deadlineNanos > 0) {
                expired.add(connection);
            }
        }
        expired.forEach(connection -> connection.fail("timeout"));
    }

    private static String name(Throwable failure) {
        // Netty reports a refused connection as its own subclass; the error counts name the JDK's.
        return failure instanceof ConnectException ? "ConnectException" : HttpErrors.name(failure);
    }

    private static ChannelOption<Boolean> quickAckOption() {
        try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open()) {
            return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)
                    ? NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void notifyFailed(Callback callback, String error) {
        try {
            callback.failed(error);
        } catch (RuntimeException e) {
            System.err.println("baton bench: callback failed: " + e);
        }
    }

    /** One keep-alive connection and the exchange on it; touched only by the event loop thread. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        final Channel channel;
        final Arrivals arrivals = new Arrivals();
        Exchange exchange;
        long deadlineNanos;
        int uses;
        boolean received;

        Connection(Channel channel) {
            this.channel = channel;
            connections++;
            channel.closeFuture().addListener(closed -> {
                connections--;
                idle.remove(this);
            });
        }

        void start(Exchange next) {
            exchange = next;
            uses++;
            received = false;
            deadlineNanos = System.nanoTime() + next.timeoutNanos();
            busy.add(this);
            if (channel.isActive()) {
                write();
            }
        }

        void write() {
            Request request = exchange.request();
            channel.writeAndFlush(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.target(),
                    Unpooled.wrappedBuffer(request.body()), request.headers(), EmptyHttpHeaders.INSTANCE))
                    .addListener(written -> {
                        if (!written.isSuccess()) {
                            fail(name(written.cause()));
                        }
                    });
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (exchange != null) {
                write();
            }
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (response.decoderResult().isFailure()) {
                fail("invalid response");
                return;
            }
            Exchange done = exchange;
            if (done == null) {
                // nothing was asked on this connection: the server misbehaves
                channel.close();
                return;
            }
            exchange = null;
            busy.remove(this);
            Response answer = new Response(response.status().code(), response.headers().get(HttpHeaderNames.LOCATION),
                    ByteBufUtil.getBytes(response.content()));
            if (HttpUtil.isKeepAlive(response) && channel.isActive()) {
                idle.addLast(this);
            } else {
                channel.close();
            }
            try {
                done.callback().completed(answer);
            } catch (RuntimeException e) {
                System.err.println("baton bench: callback failed: " + e);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (exchange != null) {
                fail(received ? "truncated response" : "connection closed");
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(name(cause));
        }

        /**
         * A request that failed on a reused connection before any byte of its response arrived (the server closed
         * or reset a kept-alive connection as the request went out) is sent again, if it is resendable: whether
         * the server read it or not, the repeat changes nothing. Any other is reported as failed.
         */
        void fail(String error) {
            Exchange failed = exchange;
            exchange = null;
            busy.remove(this);
            channel.close();
            if (failed == null) {
                return;
            }
            if (uses > 1 && !received && !error.equals("timeout") && failed.request().resendable()) {
                // this connection is closed, so it ends on a fresh one at the latest
                dispatch(failed);
            } else {
                notifyFailed(failed.callback(), error);
            }
        }

        /** Sees the bytes before the codec: whether any of the answer arrived, and acknowledges them at once. */
        private final class Arrivals extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (message instanceof ByteBuf bytes && bytes.isReadable()) {
                    received = true;
                    quickAck();
                }
                ctx.fireChannelRead(message);
            }
        }

        /**
         * A server that writes headers and body separately with Nagle's algorithm on (the JDK's HttpServer does)
         * otherwise holds the body back until this side's delayed ACK, 40 ms later on Linux, which would be measured
         * as server latency. Linux turns quick ACKs off again by itself, hence after every read.
         */
        private void quickAck() {
            if (QUICK_ACK != null) {
                try {
                    channel.config().setOption(QUICK_ACK, true);
                } catch (RuntimeException e) {
                    // only a latency refinement; without it the exchange still works
                }
            }
        }
    }
}
