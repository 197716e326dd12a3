package dev.baton.local.replay;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import dev.baton.eventing.contract.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./baton replay rebuild operations|users}: a function's MongoDB view made again from the events on
 * Kafka alone, written into a database of its own (by default {@code <db>_rebuilt}), and with --verify
 * compared with the live view, difference by difference. Nothing is decided again: each outcome is the one
 * the events recorded. Running it twice gives the same database.
 */
final class Rebuild {
    static final Set<String> OPTIONS = Set.of("into", "mongodb-uri", "operation", "progress-ms");
    private static final int BATCH = 500;

    private final PrintStream out;
    private final PrintStream err;

    private Rebuild(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static int run(List<String> argList, Map<String, String> env, PrintStream out, PrintStream err) {
        Args args = Args.parse(argList, union(Replay.KAFKA, OPTIONS), Set.of("verify"));
        if (args.positional().size() != 1) {
            throw ReplayException.usage("rebuild takes one view: rebuild operations or rebuild users; got " + args.positional());
        }
        View view = switch (args.positional().get(0)) {
            case "operations" -> new OperationsView(Instant.now());
            case "users" -> new UsersView();
            default -> throw ReplayException.usage("rebuild operations or rebuild users, not " + args.positional().get(0));
        };
        String live = view.function().databaseName().orElseThrow();
        String into = args.get("into") == null ? live + "_rebuilt" : args.get("into");
        boolean verify = args.has("verify");
        if (verify && into.equals(live)) {
            throw ReplayException.usage("--verify compares the rebuilt view with the live one, so --into must name another database than " + live);
        }
        Set<String> operations = Set.copyOf(args.all("operation"));
        return new Rebuild(out, err).rebuild(view, KafkaSettings.from(args.singles(), env), mongoUri(args.get("mongodb-uri"), env),
                live, into, operations, verify, args.intValue("progress-ms", 2000));
    }

    private int rebuild(View view, KafkaSettings kafka, String mongoUri, String live, String into, Set<String> operations,
                        boolean verify, int progressMillis) {
        try (MongoClient mongo = connect(mongoUri)) {
            MongoDatabase target = mongo.getDatabase(into);
            if (into.equals(live)) {
                requireEmpty(target, view);
            }
            read(view, kafka, operations);
            Map<String, List<Document>> collections = view.collections();
            long kept = write(target, collections, into.equals(live), progressMillis);
            out.println("rebuilt the " + view.name() + " view into database " + into + " from the events alone:");
            view.summary().forEach(line -> out.println("  " + line));
            collections.forEach((name, documents) -> out.println("  " + into + "." + name + ": " + documents.size() + " document(s)"));
            if (kept > 0) {
                out.println("  " + kept + " document(s) the function wrote meanwhile were kept as it wrote them");
            }
            if (!verify) {
                out.println("compare it with the live view (" + live + ") with --verify; the functions read " + live + " only");
                return 0;
            }
            return verify(view, mongo.getDatabase(live), target, operations);
        } catch (MongoException e) {
            throw unreachable(mongoUri, e);
        }
    }

    /** Reads each topic of the view to its end as it was when reading began, in log order within each partition. */
    private void read(View view, KafkaSettings kafka, Set<String> operations) {
        try (Brokers brokers = Brokers.connect(kafka)) {
            for (Topic topic : view.topics()) {
                Selection selection = new Selection(topic.topicName(), null, null, null, null, null, Set.of(), operations, null);
                List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(RecordReader.read(brokers, selection));
                records.sort(Comparator.comparingInt((ConsumerRecord<String, byte[]> r) -> r.partition()).thenComparingLong(ConsumerRecord::offset));
                long skipped = 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    var event = EventData.of(record);
                    if (event.isPresent()) {
                        view.add(event.get());
                    } else {
                        skipped++;
                    }
                }
                err.println("[replay] read " + records.size() + " record(s) from " + topic.topicName()
                        + (skipped == 0 ? "" : ", " + skipped + " of them not a Baton event with readable data (left out)"));
            }
        }
    }

    /**
     * Replaces what the target held, so a second rebuild ends with the same documents as the first. Into the
     * live database (found empty) nothing is deleted and nothing overwritten: a document the function wrote
     * since is newer than the log as read, so it stays. Returns how many such documents were kept.
     */
    private long write(MongoDatabase target, Map<String, List<Document>> collections, boolean live, int progressMillis) {
        long total = collections.values().stream().mapToLong(List::size).sum();
        long kept = 0;
        try (Progress progress = new Progress(total, err, progressMillis)) {
            for (Map.Entry<String, List<Document>> collection : collections.entrySet()) {
                MongoCollection<Document> documents = target.getCollection(collection.getKey());
                if (!live) {
                    documents.deleteMany(new Document());
                }
                List<Document> all = collection.getValue();
                for (int from = 0; from < all.size(); from += BATCH) {
                    List<Document> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                    kept += insert(documents, batch, live);
                    batch.forEach(d -> progress.step());
                }
            }
        }
        return kept;
    }

    /** Inserts the batch; into the live database, a document already there is kept. Returns how many were kept. */
    private static long insert(MongoCollection<Document> documents, List<Document> batch, boolean live) {
        if (!live) {
            documents.insertMany(batch);
            return 0;
        }
        try {
            documents.insertMany(batch, new InsertManyOptions().ordered(false));
            return 0;
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            return e.getWriteErrors().size();
        }
    }

    private int verify(View view, MongoDatabase live, MongoDatabase rebuilt, Set<String> operations) {
        long differences = 0;
        out.println("verify: the live view " + live.getName() + " against " + rebuilt.getName()
                + (operations.isEmpty() ? "" : " (operations " + String.join(", ", operations) + ")") + ":");
        for (String collection : view.collections().keySet()) {
            Bson scope = operations.isEmpty() ? null : view.scope(collection, operations);
            ViewDiff.Result result = ViewDiff.compare(collection, live.getCollection(collection), rebuilt.getCollection(collection), scope);
            result.differences().forEach(d -> out.println("  " + d.line()));
            out.println("  " + collection + ": " + result.live() + " live, " + result.rebuilt() + " rebuilt, "
                    + result.differences().size() + " difference(s)");
            differences += result.differences().size();
        }
        if (differences == 0) {
            out.println("verify: the rebuilt view is the live one");
            return 0;
        }
        out.println("verify: " + differences + " difference(s). Documents changed while the rebuild read the log (signups in flight)"
                + " differ too: run it again when the stack is quiet. Any other difference is one the events do not explain.");
        return ReplayException.VIEWS_DIFFER;
    }

    /** Only into an empty live database, as after the view was lost: never over a live view the functions are writing. */
    private static void requireEmpty(MongoDatabase target, View view) {
        for (String collection : view.collections().keySet()) {
            long count = target.getCollection(collection).countDocuments();
            if (count > 0) {
                throw ReplayException.usage("--into " + target.getName() + " is the live database of the " + view.function().functionName()
                        + " function and its " + collection + " collection holds " + count + " document(s).\n"
                        + "  A rebuild writes into the live database only when it is empty (the view was lost). Rebuild into another database"
                        + " (the default, " + target.getName() + "_rebuilt), compare with --verify, and switch or copy it over when the"
                        + " function is stopped.");
            }
        }
    }

    static String mongoUri(String flag, Map<String, String> env) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        String uri = env.get("MONGODB_URI");
        return uri != null && !uri.isBlank() ? uri : "mongodb://localhost:" + env.getOrDefault("BATON_MONGO_PORT", "27017");
    }

    private static MongoClient connect(String uri) {
        ConnectionString connection;
        try {
            connection = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw ReplayException.usage("--mongodb-uri needs a MongoDB connection string such as mongodb://localhost:27017, not " + e.getMessage());
        }
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
        if (connection.getServerSelectionTimeout() == null) {
            // Report an unreachable server in seconds, not after the driver's default half minute.
            settings.applyToClusterSettings(c -> c.serverSelectionTimeout(Brokers.CONNECT_SECONDS, TimeUnit.SECONDS));
        }
        MongoClient client = MongoClients.create(settings.build());
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            return client;
        } catch (MongoException e) {
            client.close();
            throw unreachable(uri, e);
        }
    }

    /** Names the hosts, never the credentials a connection string may hold. */
    private static ReplayException unreachable(String uri, MongoException e) {
        String hosts;
        try {
            hosts = String.join(",", new ConnectionString(uri).getHosts());
        } catch (IllegalArgumentException bad) {
            hosts = "(unparsable connection string)";
        }
        return new ReplayException(ReplayException.UNREACHABLE, "cannot use MongoDB at " + hosts + " (" + e.getClass().getSimpleName()
                + ": " + e.getMessage() + ").\n  Is it running (./baton up on this machine)? Set it with --mongodb-uri or MONGODB_URI,"
                + " the functions' variable.");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
