package dev.baton.operation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OperationDeadlinesTest {
    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void takesOnlyWhatIsDueInDeadlineOrderAndOnce() {
        OperationDeadlines deadlines = new OperationDeadlines();
        deadlines.watch("late", t0.plusSeconds(30));
        deadlines.watch("first", t0.plusSeconds(10));
        deadlines.watch("second", t0.plusSeconds(20));

        assertEquals(List.of(), deadlines.takeDue(t0.plusSeconds(10)), "a deadline is due only once it has passed");
        assertEquals(List.of("first", "second"), deadlines.takeDue(t0.plusSeconds(21)));
        assertEquals(List.of(), deadlines.takeDue(t0.plusSeconds(21)));
        assertEquals(1, deadlines.size());
    }

    @Test
    void anOperationThatEndedOrMovedIsNotDueAtItsOldDeadline() {
        OperationDeadlines deadlines = new OperationDeadlines();
        deadlines.watch("ended", t0.plusSeconds(10));
        deadlines.watch("moved", t0.plusSeconds(10));
        deadlines.forget("ended");
        deadlines.watch("moved", t0.plusSeconds(60));

        assertEquals(List.of(), deadlines.takeDue(t0.plusSeconds(30)));
        assertEquals(List.of("moved"), deadlines.takeDue(t0.plusSeconds(61)));
        assertEquals(0, deadlines.size());
    }
}
