package dev.baton.user;

import dev.baton.eventing.contract.EventIds;
import dev.baton.eventing.contract.payload.ApprovalDecided;
import dev.baton.eventing.contract.payload.UserCreateRequested;
import dev.baton.eventing.function.RejectedEventException;
import dev.baton.eventing.store.DuplicateKeys;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The user function's state machine, in single-document idempotent writes: a redelivered or
 * replayed event finds the state it left behind and carries on from there.
 */
@Singleton
public class SignupSaga {
    public static final String APPROVAL_REJECTED = "APPROVAL_REJECTED";
    public static final String EMAIL_TAKEN = "EMAIL_TAKEN";

    private final UserRepository users;
    private final EmailClaimRepository emails;
    private final Clock clock;

    public SignupSaga(UserRepository users, EmailClaimRepository emails) {
        this.users = users;
        this.emails = emails;
        // Milliseconds, as MongoDB stores them: a user returned from a write equals the one read back later.
        this.clock = Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1));
    }

    public static String userIdFor(String operationId) {
        return EventIds.userIdFor(operationId);
    }

    /** Creates the pending user (or finds the one a previous delivery created) and claims its e-mail. */
    public User requested(UserCreateRequested request, String eventId) {
        String userId = userIdFor(request.operationId());
        User user = insertOrFind(User.pending(userId, request.operationId(), request.name().trim(),
                normalise(request.email()), now()));
        if (user.state() == UserState.PENDING_APPROVAL && user.email() != null && !claim(user)) {
            return settle(user, UserState.REJECTED, "e-mail address " + user.email() + " is already in use", EMAIL_TAKEN, eventId);
        }
        return user;
    }

    /**
     * Applies an approval decision once; a later or duplicate decision leaves the first one standing.
     * A decision for another operation's user is rejected before it can touch that user.
     */
    public Optional<User> decided(ApprovalDecided decision, String eventId) {
        Optional<User> found = users.findById(decision.userId());
        if (found.isEmpty()) {
            return found;
        }
        User user = found.get();
        if (!user.operationId().equals(decision.operationId())) {
            throw new RejectedEventException("user " + user.id() + " belongs to operation " + user.operationId()
                    + ", not " + decision.operationId());
        }
        if (!user.state().terminal()) {
            user = decision.approved()
                    ? settle(user, UserState.APPROVED, decision.reason(), null, eventId)
                    : settle(user, UserState.REJECTED, decision.reason(), APPROVAL_REJECTED, eventId);
        }
        // On every delivery, not only the one that settled: a delivery that stopped between settling
        // and releasing is redelivered, finds the user settled, and must still give the address back.
        if (user.state() == UserState.REJECTED && APPROVAL_REJECTED.equals(user.failureCode()) && user.email() != null) {
            emails.release(user.email(), user.operationId());
        }
        return Optional.of(user);
    }

    private User insertOrFind(User user) {
        try {
            return users.save(user);
        } catch (RuntimeException e) {
            if (!DuplicateKeys.isDuplicateKey(e)) {
                throw e;
            }
            return users.findById(user.id()).orElseThrow(() -> e);
        }
    }

    /** True if this operation holds the address now (it may have claimed it on an earlier delivery). */
    private boolean claim(User user) {
        try {
            emails.save(new EmailClaim(user.email(), user.operationId()));
            return true;
        } catch (RuntimeException e) {
            if (!DuplicateKeys.isDuplicateKey(e)) {
                throw e;
            }
            return emails.findById(user.email()).map(c -> c.operationId().equals(user.operationId())).orElse(false);
        }
    }

    /**
     * The settled user as the update wrote it; only when another delivery settled it first is it read
     * back, to report that first decision. One round trip instead of two on the usual path.
     */
    private User settle(User user, UserState state, String reason, String failureCode, String decidedBy) {
        Instant now = now();
        if (users.settle(user.id(), state, reason, failureCode, decidedBy, now) > 0) {
            return user.settled(state, reason, failureCode, decidedBy, now);
        }
        return users.findById(user.id()).orElseThrow(() -> new IllegalStateException("user " + user.id() + " vanished"));
    }

    private static String normalise(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private Instant now() {
        return clock.instant();
    }
}
