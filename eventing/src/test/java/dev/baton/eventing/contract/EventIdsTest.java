package dev.baton.eventing.contract;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class EventIdsTest {

    @Test
    void derivedIdsAreStableNameBasedUuids() {
        String first = EventIds.derive("event-1", BatonEventType.USER_APPROVAL_REQUESTED);
        assertEquals(first, EventIds.derive("event-1", BatonEventType.USER_APPROVAL_REQUESTED));
        assertEquals(3, UUID.fromString(first).version());
    }

    @Test
    void differentInputsOrTypesGiveDifferentIds() {
        String id = EventIds.derive("event-1", BatonEventType.USER_APPROVAL_REQUESTED);
        assertNotEquals(id, EventIds.derive("event-2", BatonEventType.USER_APPROVAL_REQUESTED));
        assertNotEquals(id, EventIds.derive("event-1", BatonEventType.USER_APPROVAL_DECIDED));
    }

    @Test
    void userIdIsDerivedFromTheOperationId() {
        assertEquals(EventIds.derive("op-1", "dev.baton.user"), EventIds.userIdFor("op-1"));
        assertNotEquals(EventIds.userIdFor("op-1"), EventIds.userIdFor("op-2"));
    }

    @Test
    void everyTypeHasItsTopicAndEveryConsumedTypeIsOnAConsumedTopic() {
        for (BatonFunction function : BatonFunction.values()) {
            for (BatonEventType type : function.accepts()) {
                assertEquals(true, function.consumes().contains(type.topic()), type + " reaches " + function);
            }
        }
        assertEquals("user-create.dlq", Topic.USER_CREATE.deadLetterTopicName());
        assertEquals("baton-user", BatonFunction.USER.consumerGroup());
    }
}
