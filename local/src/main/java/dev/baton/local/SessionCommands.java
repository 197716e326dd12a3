package dev.baton.local;

import java.util.Set;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.bson.Document;

/**
 * What mongo-java-server lacks for clients that always use sessions (micronaut-data-mongodb does):
 * a hello reply that advertises sessions, and answers to the session and transaction commands.
 * There are no real transactions here: every write applies at once, and commit or abort is acknowledged.
 */
final class SessionCommands {

    static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

    private static final Set<String> ACKNOWLEDGED = Set.of(
            "committransaction", "aborttransaction", "startsession", "endsessions", "refreshsessions", "killsessions");

    private SessionCommands() {
    }

    /** @param backend the backend's own handling of the command, called for everything we do not answer here */
    static Document handle(String command, Supplier<Document> backend, Supplier<Document> legacyHello) {
        String name = command.toLowerCase();
        if (name.equals("hello") || name.equals("ismaster")) {
            Document reply = legacyHello.get();
            reply.put("helloOk", Boolean.TRUE);
            reply.put("isWritablePrimary", Boolean.TRUE);
            reply.put("logicalSessionTimeoutMinutes", LOGICAL_SESSION_TIMEOUT_MINUTES);
            return reply;
        }
        if (ACKNOWLEDGED.contains(name)) {
            return new Document("ok", 1.0);
        }
        return backend.get();
    }
}
