package dev.baton.user;

/** The signup saga as the user function sees it: PENDING_APPROVAL → APPROVED | REJECTED, never back. */
public enum UserState {
    PENDING_APPROVAL, APPROVED, REJECTED;

    public boolean terminal() {
        return this != PENDING_APPROVAL;
    }
}
