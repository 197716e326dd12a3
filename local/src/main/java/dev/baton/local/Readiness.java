package dev.baton.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls an HTTP readiness probe until it answers 200. */
final class Readiness {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);
    private static final int PROBE_TIMEOUT_MILLIS = 1000;

    private Readiness() {
    }

    /**
     * @param giveUp checked between probes, e.g. "the process died", to fail fast instead of at the timeout
     * @return true once the probe answers 200; false on timeout or when {@code giveUp} says so
     */
    static boolean await(URI probe, Duration timeout, BooleanSupplier giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = FIRST_PAUSE.toMillis();
        while (true) {
            if (giveUp.getAsBoolean()) {
                return false;
            }
            if (answersOk(probe)) {
                return true;
            }
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            Thread.sleep(Math.min(pauseMillis, leftMillis));
            pauseMillis = Math.min(pauseMillis * 3 / 2, LONGEST_PAUSE.toMillis());
        }
    }

    static boolean answersOk(URI probe) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) probe.toURL().openConnection();
            connection.setConnectTimeout(PROBE_TIMEOUT_MILLIS);
            connection.setReadTimeout(PROBE_TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            // Read the body so that the keep-alive connection can be reused by the next probe.
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
