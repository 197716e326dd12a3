package dev.baton.local;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

/** A MongoDB wire-protocol server in this JVM, its data in memory, kept across restarts by a journal file if given one. */
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

    /** Replays {@code journal} (if it exists) before it listens, and journals every write before acknowledging it. */
    public static EmbeddedMongo journaled(Path journal, Duration syncInterval, int port) {
        return new EmbeddedMongo(new JournaledMemoryBackend(Journal.open(journal.toAbsolutePath(), syncInterval)), port);
    }

    public String connectionString() {
        return connectionString;
    }

    /** Closes client connections too, and forces the journal to the disk. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdownNow();
    }
}
