package dev.baton.local.replay;

import com.mongodb.client.model.Filters;
import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.contract.payload.UserView;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code user_service.users} and {@code emails} from the outcomes the user function recorded: a pending user
 * from its {@code user.approval.requested}, a settled one from its completed/failed event, which carries the
 * user as stored. Decisions are not made again: an EMAIL_TAKEN rejection stays one. The e-mail claims are
 * those of the users that hold their address (pending or approved), the first of them in log order if two
 * ever did.
 */
final class UsersView implements View {
    static final String USERS = "users";
    static final String EMAILS = "emails";

    private final Map<String, Document> users = new LinkedHashMap<>();
    private final Tally tally = new Tally();

    @Override
    public String name() {
        return "users";
    }

    @Override
    public BatonFunction function() {
        return BatonFunction.USER;
    }

    @Override
    public List<Topic> topics() {
        return List.of(Topic.USER_APPROVE, Topic.USER_CREATE_RESPONSE);
    }

    @Override
    public void add(EventData event) {
        if (!BatonFunction.USER.source().toString().equals(event.source())) {
            tally.add("events from another source than the user function, not its record");
            return;
        }
        switch (event.type()) {
            case USER_APPROVAL_REQUESTED -> pending(event, event.payload(ApprovalRequested.class));
            case USER_CREATE_COMPLETED, USER_CREATE_FAILED -> settled(event);
            default -> tally.add("events of other types, not part of this view");
        }
    }

    private void pending(EventData event, ApprovalRequested ask) {
        if (users.containsKey(ask.userId())) {
            tally.add("approval requests of a user already read (a copy, or the user is settled)");
            return;
        }
        if (ask.createdAt() == null) {
            tally.add("approval requests without createdAt (written before the events carried it): dated by the event's time");
        }
        Instant createdAt = ask.createdAt() != null ? ask.createdAt() : event.time();
        users.put(ask.userId(), user(ask.userId(), ask.operationId(), ask.name(), ask.email(), "PENDING_APPROVAL", createdAt, createdAt));
    }

    private void settled(EventData event) {
        String operationId = event.payload().operationId();
        String userId = EventIds.userIdFor(operationId);
        Document known = users.get(userId);
        if (known != null && !"PENDING_APPROVAL".equals(known.getString("state"))) {
            tally.add("copies of a result already applied (the first decision stands)");
            return;
        }
        Document user;
        if (event.type() == BatonEventType.USER_CREATE_COMPLETED) {
            UserCreateCompleted completed = event.payload(UserCreateCompleted.class);
            UserView view = completed.user();
            user = user(view.id(), operationId, view.name(), view.email(), "APPROVED", view.createdAt(),
                    settledAt(event, completed.decidedAt()));
            Documents.put(user, "reason", completed.reason());
            // Settling $sets failureCode even when it is null, so an approved user's document has it, as null.
            user.put("failureCode", null);
            Documents.put(user, "decidedBy", completed.decidedBy());
            if (completed.decidedBy() == null) {
                tally.add("completions without reason/decidedBy (written before the events carried them)");
            }
        } else {
            UserCreateFailed failed = event.payload(UserCreateFailed.class);
            UserView view = failed.user();
            if (view == null && known == null) {
                tally.add("failures of users with no other record (written before the events carried the user): left out");
                return;
            }
            user = view != null
                    ? user(view.id(), operationId, view.name(), view.email(), "REJECTED", view.createdAt(), settledAt(event, failed.decidedAt()))
                    : user(userId, operationId, known.getString("name"), known.getString("email"), "REJECTED",
                    Documents.instant(known, "createdAt"), settledAt(event, failed.decidedAt()));
            Documents.put(user, "reason", failed.error().message());
            Documents.put(user, "failureCode", failed.error().code());
            Documents.put(user, "decidedBy", failed.decidedBy());
        }
        users.put(user.getString("_id"), user);
    }

    private Instant settledAt(EventData event, Instant decidedAt) {
        if (decidedAt == null) {
            tally.add("results without decidedAt (written before the events carried it): dated by the event's time");
            return event.time();
        }
        return decidedAt;
    }

    /** The fields in the order the user function's repository writes them. */
    private static Document user(String id, String operationId, String name, String email, String state, Instant createdAt, Instant updatedAt) {
        Document user = new Document("_id", id);
        Documents.put(user, "operationId", operationId);
        Documents.put(user, "name", name);
        Documents.put(user, "email", email);
        Documents.put(user, "state", state);
        Documents.put(user, "createdAt", createdAt);
        Documents.put(user, "updatedAt", updatedAt);
        return user;
    }

    @Override
    public Map<String, List<Document>> collections() {
        List<Document> all = new ArrayList<>();
        Map<String, Document> claims = new LinkedHashMap<>();
        for (Document user : users.values()) {
            all.add(new Document(user));
            String email = user.getString("email");
            if (email != null && !"REJECTED".equals(user.getString("state"))) {
                claims.putIfAbsent(email, new Document("_id", email).append("operationId", user.getString("operationId")));
            }
        }
        Map<String, List<Document>> collections = new LinkedHashMap<>();
        collections.put(USERS, all);
        collections.put(EMAILS, new ArrayList<>(claims.values()));
        return collections;
    }

    @Override
    public Bson scope(String collection, Set<String> operationIds) {
        return Filters.in("operationId", operationIds);
    }

    @Override
    public List<String> summary() {
        Map<String, Long> byState = new LinkedHashMap<>();
        users.values().forEach(u -> byState.merge(u.getString("state"), 1L, Long::sum));
        List<String> lines = new ArrayList<>();
        lines.add(users.size() + " user(s): " + byState.getOrDefault("APPROVED", 0L) + " APPROVED, "
                + byState.getOrDefault("REJECTED", 0L) + " REJECTED, " + byState.getOrDefault("PENDING_APPROVAL", 0L)
                + " PENDING_APPROVAL; " + collections().get(EMAILS).size() + " e-mail claim(s)");
        lines.addAll(tally.lines());
        return lines;
    }
}
