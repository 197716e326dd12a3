package dev.baton.local;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of unique-index maps in H2. H2's default type knows nothing of {@link KeyValue}, so it
 * compares two keys by Java-serializing both, some twenty times per lookup: most of the CPU of an insert.
 * This compares the usual key values directly and serializes only the unusual ones.
 * Keys are stored exactly as the default type stores them; only their order differs, so maps written
 * in the default order must not be read with this type (the indexes use their own map names for that).
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    /** Types compared by their natural order; any other type ranks after these, by class name, then bytes. */
    private static final List<Class<?>> NATURAL = List.of(
            String.class, Double.class, Long.class, Integer.class, Boolean.class, UUID.class, Instant.class,
            de.bwaldvogel.mongo.bson.ObjectId.class);

    private static final int NULL_RANK = -1;

    private final ObjectDataType storage = new ObjectDataType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int result = compareValues(a.get(i), b.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        if (rankA < NATURAL.size()) {
            return ((Comparable) a).compareTo(b);
        }
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        if (byClass != 0) {
            return byClass;
        }
        return Arrays.compareUnsigned(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
    }

    private static int rank(Object value) {
        if (value == null) {
            return NULL_RANK;
        }
        int natural = NATURAL.indexOf(value.getClass());
        return natural >= 0 ? natural : NATURAL.size();
    }

    @Override
    public int getMemory(KeyValue key) {
        return 48 + 32 * key.size();
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        storage.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return (KeyValue) storage.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
