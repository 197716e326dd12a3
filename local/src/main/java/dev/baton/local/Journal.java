package dev.baton.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal of the embedded MongoDB: every write command it applies is appended here
 * before the reply leaves, and replayed in order at the next start. A write reaches the operating
 * system before it is acknowledged, so it survives a kill -9 of the stack; the file is forced to the
 * disk every {@code syncInterval}, so a power loss costs at most that window, as with mongod's
 * journal commit interval.
 *
 * <p>A record is {@code [int length][int crc32c][BSON {d: database, c: command}]}, little-endian. A
 * torn or corrupt tail (a crash in the middle of a write) ends the replay and is cut off.
 */
final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 64 * 1024 * 1024;

    /** One journaled write. */
    record Entry(String database, Document command) {
        String commandName() {
            return command.keySet().iterator().next();
        }
    }

    private final Path file;
    private final ScheduledExecutorService syncer;
    private FileChannel channel;
    private long unsynced;
    private long entries;

    private Journal(Path file, Duration syncInterval) {
        this.file = file;
        this.syncer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mongo-journal-sync");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, syncInterval.toMillis());
        syncer.scheduleWithFixedDelay(this::sync, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Opens (or creates) the journal at {@code file}; call {@link #replay} before the first append. */
    static Journal open(Path file, Duration syncInterval) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Journal(file, syncInterval);
    }

    Path file() {
        return file;
    }

    /** Entries written since the journal was last replayed or rewritten. */
    synchronized long entries() {
        return entries;
    }

    /** Hands every intact entry to {@code apply} in order, cuts off a torn tail, and opens the file for appending. */
    synchronized long replay(Consumer<Entry> apply) {
        long count = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = in.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (position + HEADER <= size) {
                header.clear();
                readFully(in, header, position);
                int length = header.getInt(0);
                int crc = header.getInt(4);
                if (length <= 0 || length > MAX_RECORD || position + HEADER + length > size) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(in, body, position + HEADER);
                if (crc(body.array()) != crc) {
                    break;
                }
                apply.accept(decode(body.array()));
                position += HEADER + length;
                count++;
            }
            if (position < size) {
                LOG.warn("journal {}: cutting off {} bytes of a torn last write after {} entries", file, size - position, count);
                in.truncate(position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MongoDB journal " + file, e);
        }
        openForAppend();
        entries = count;
        return count;
    }

    /** Appends one write; returns once the operating system has it. */
    synchronized void append(String database, Document command) {
        writeRecord(channel, database, command);
        unsynced++;
        entries++;
    }

    /**
     * Replaces the journal with {@code snapshot} (the current data as writes), atomically: a crash
     * during the rewrite leaves the old journal in place.
     */
    synchronized void rewrite(Consumer<Consumer<Entry>> snapshot) {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        long[] count = {0};
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            snapshot.accept(entry -> {
                writeRecord(out, entry.database(), entry.command());
                count[0]++;
            });
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MongoDB journal snapshot " + next, e);
        }
        try {
            closeChannel();
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the MongoDB journal " + file, e);
        }
        openForAppend();
        entries = count[0];
    }

    /** Forces what was appended to the disk. */
    synchronized void sync() {
        if (unsynced == 0 || channel == null) {
            return;
        }
        try {
            channel.force(false);
            unsynced = 0;
        } catch (IOException e) {
            LOG.warn("journal {}: sync failed: {}", file, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        syncer.shutdownNow();
        sync();
        closeChannel();
    }

    private void openForAppend() {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the MongoDB journal " + file, e);
        }
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("journal {}: close failed: {}", file, e.toString());
        }
        channel = null;
    }

    private static void writeRecord(FileChannel out, String database, Document command) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            buffer.writerIndex(HEADER);
            BsonEncoder.encodeDocument(new Document("d", database).append("c", command), buffer);
            int length = buffer.writerIndex() - HEADER;
            byte[] body = new byte[length];
            buffer.getBytes(HEADER, body);
            buffer.setIntLE(0, length);
            buffer.setIntLE(4, crc(body));
            ByteBuffer bytes = buffer.nioBuffer(0, buffer.writerIndex());
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the MongoDB journal", e);
        } finally {
            buffer.release();
        }
    }

    private static Entry decode(byte[] body) {
        ByteBuf buffer = Unpooled.wrappedBuffer(body);
        Document record = BsonDecoder.decodeBson(buffer);
        return new Entry((String) record.get("d"), (Document) record.get("c"));
    }

    private static int crc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel in, ByteBuffer target, long position) throws IOException {
        while (target.hasRemaining()) {
            int read = in.read(target, position + target.position());
            if (read < 0) {
                throw new IOException("unexpected end of the journal");
            }
        }
    }
}
