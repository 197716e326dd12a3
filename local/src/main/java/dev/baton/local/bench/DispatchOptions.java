package dev.baton.local.bench;

import java.net.URI;
import java.util.List;
import java.util.Set;

/** What {@code --dispatch} adds to the command line, and which signup options make no sense with it. */
final class DispatchOptions {

    static final int DEFAULT_CONCURRENCY = 50;
    static final List<String> FUNCTIONS = List.of("approval", "user", "operation");

    /** Options of the signup scenario only: the dispatch mode neither polls operations nor runs the baseline. */
    private static final List<String> SIGNUP_ONLY = List.of("--wait", "--max-inflight-polls", "--max-inflight-posts",
            "--kafka-baseline", "--bootstrap-servers");

    private DispatchOptions() {
    }

    static String function(String value) {
        if (!FUNCTIONS.contains(value)) {
            throw new IllegalArgumentException("--dispatch needs one of " + String.join(", ", FUNCTIONS) + ": " + value);
        }
        return value;
    }

    static void check(String dispatch, Set<String> given) {
        if (dispatch == null) {
            if (given.contains("--concurrency")) {
                throw new IllegalArgumentException("--concurrency is for --dispatch");
            }
            return;
        }
        for (String option : SIGNUP_ONLY) {
            if (given.contains(option)) {
                throw new IllegalArgumentException(option + " is not for --dispatch");
            }
        }
        if (given.contains("--compare")) {
            throw new IllegalArgumentException("--compare takes result files, not --dispatch");
        }
    }

    /** The function's port under {@code ./baton up} with its default ports. */
    static URI defaultUrl(String function) {
        return URI.create(switch (function) {
            case "operation" -> "http://localhost:8080";
            case "user" -> "http://localhost:8081";
            default -> "http://localhost:8082";
        });
    }
}
