package dev.baton.eventing.contract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic CloudEvent ids. An event derived from another gets a name-based UUID of the input
 * event's id and the output type, so a redelivered input yields the same output id and a duplicate
 * can be recognised downstream.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String derive(String inputEventId, BatonEventType outputType) {
        return derive(inputEventId, outputType.type());
    }

    /**
     * The id of the user a signup creates. Part of the contract because two functions rely on it: the
     * user function creates the user under it, and the operation function accepts a completion only
     * for this user, so a completion naming any other user is recognisably not the saga's own.
     */
    public static String userIdFor(String operationId) {
        return derive(operationId, "dev.baton.user");
    }

    public static String derive(String input, String qualifier) {
        return UUID.nameUUIDFromBytes((input + '\n' + qualifier).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
