package dev.baton.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

/** A MongoDB wire-protocol server in this JVM, backed by memory or by an H2 MVStore file. */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;
    private boolean closed;

    private EmbeddedMongo(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    public static EmbeddedMongo inMemory(int port) {
        return new EmbeddedMongo(new LocalMemoryBackend(), port);
    }

    public static EmbeddedMongo h2File(Path file, int port) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddedMongo(new LocalH2Backend(absolute.toString()), port);
    }

    public String connectionString() {
        return connectionString;
    }

    /** Closes client connections too, and for H2 writes the store to its file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdownNow();
    }
}
