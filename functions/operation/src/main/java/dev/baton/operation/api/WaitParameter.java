package dev.baton.operation.api;

import dev.baton.eventing.http.ApiException;
import io.micronaut.http.HttpStatus;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code ?wait=}: {@code 10s}, {@code 500ms}, {@code 1m}, or plain seconds {@code 10}. */
final class WaitParameter {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    private WaitParameter() {
    }

    static Duration parse(String value, Duration max) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        Matcher matcher = FORMAT.matcher(value.trim());
        if (!matcher.matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-wait", "Invalid wait",
                    "wait must be a duration like 10s, 500ms or 1m, was '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration wait = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
