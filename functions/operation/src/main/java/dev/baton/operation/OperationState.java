package dev.baton.operation;

/** PENDING → COMPLETED | FAILED; a terminal state never changes again. */
public enum OperationState {
    PENDING, COMPLETED, FAILED
}
