package dev.baton.local.bench;

/** One signup followed from its intended send time to its terminal state. */
final class Operation {

    final long intendedNanos;
    final Measurements measurements;
    /** Request target of the long poll ({@code /operations/{id}}), set once the POST is accepted. */
    volatile String pollPath;

    Operation(long intendedNanos, Measurements measurements) {
        this.intendedNanos = intendedNanos;
        this.measurements = measurements;
    }
}
