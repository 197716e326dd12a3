package dev.baton.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalDeliverySwitchTest {
    private static final List<String> ALL = List.of("operation", "user", "approval");

    @Test
    void unsetMeansEveryFunction() {
        assertEquals(Set.of("operation", "user", "approval"), LocalDeliverySwitch.delivered(null, ALL));
        assertEquals(Set.of("operation", "user", "approval"), LocalDeliverySwitch.delivered(" ", ALL));
    }

    @Test
    void aListLeavesTheOthersToAnotherDeliverer() {
        assertEquals(Set.of("operation", "user"), LocalDeliverySwitch.delivered("operation, user", ALL));
    }

    @Test
    void anUnknownNameIsRefusedRatherThanIgnored() {
        assertThrows(IllegalArgumentException.class, () -> LocalDeliverySwitch.delivered("operation,aproval", ALL));
    }
}
