package dev.baton.local;

import java.util.Set;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.IllegalOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why it exists: mongo-java-server does not speak sessions, and clients that always use them
 * (micronaut-data-mongodb does, through the driver) refuse a server whose hello does not advertise
 * {@code logicalSessionTimeoutMinutes}. So this advertises sessions and answers the session commands.
 *
 * <p>There are no transactions here: every write applies at once, whatever session or transaction
 * it names. A commit is therefore true and is acknowledged. An abort is refused with an error, since
 * nothing can be rolled back and acknowledging it would tell the first code that relies on a
 * rollback that it happened. (The Java driver ignores abort errors, as the driver specification
 * says, so the refusal is also logged, where it can be seen.) Baton's own code uses no transactions.
 */
final class SessionCommands {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCommands.class);

    static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;
    static final String NO_ROLLBACK = "abortTransaction is not supported by Baton's embedded MongoDB: it has no"
            + " transactions, every write of the transaction was applied when it was made and stays; use a real"
            + " MongoDB for code that needs a rollback";

    private static final Set<String> ACKNOWLEDGED = Set.of(
            "committransaction", "startsession", "endsessions", "refreshsessions", "killsessions");

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
        if (name.equals("aborttransaction")) {
            LOG.warn(NO_ROLLBACK);
            throw new IllegalOperationException(NO_ROLLBACK);
        }
        if (ACKNOWLEDGED.contains(name)) {
            return new Document("ok", 1.0);
        }
        return backend.get();
    }
}
