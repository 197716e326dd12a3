package dev.baton.local.bench;

import java.net.URI;

/** One signup followed from its intended send time to its terminal state. */
final class Operation {

    final long intendedNanos;
    final Measurements measurements;
    /** Set once the POST is accepted; read by poll callbacks on other threads. */
    volatile URI pollUri;

    Operation(long intendedNanos, Measurements measurements) {
        this.intendedNanos = intendedNanos;
        this.measurements = measurements;
    }
}
