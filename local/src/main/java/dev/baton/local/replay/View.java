package dev.baton.local.replay;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A function's MongoDB view as the events make it: which topics it is made from, and the documents it ends with. */
interface View {

    /** {@code operations} or {@code users}, as {@code ./baton replay rebuild NAME} names it. */
    String name();

    /** The function whose database holds the live view. */
    BatonFunction function();

    /** The topics it is made from, in the order they are read: an event may need one read before it. */
    List<Topic> topics();

    /** Takes the next event, in log order within its topic. */
    void add(EventData event);

    /** Every collection of the view with its documents, as the function would have written them. */
    Map<String, List<Document>> collections();

    /** The documents of {@code collection} that belong to these operations, for a rebuild of a few. */
    Bson scope(String collection, Set<String> operationIds);

    /** What the events came to, one line each (counts, and what was left out and why). */
    List<String> summary();
}
