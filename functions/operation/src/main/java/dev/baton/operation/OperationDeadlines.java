package dev.baton.operation;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The deadlines of the operations this instance accepted (or found pending when it started), so
 * that ending overdue ones costs in proportion to what is pending, not to every operation ever
 * made: a sweep of the whole collection grew with the work done, because the embedded MongoDB
 * builds no index on state and deadline.
 */
@Singleton
public class OperationDeadlines {
    private record Due(Instant deadline, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = deadline.compareTo(other.deadline);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    private final NavigableSet<Due> queue = new ConcurrentSkipListSet<>();
    private final Map<String, Instant> deadlines = new ConcurrentHashMap<>();

    public void watch(String id, Instant deadline) {
        Instant previous = deadlines.put(id, deadline);
        if (previous != null) {
            queue.remove(new Due(previous, id));
        }
        queue.add(new Due(deadline, id));
    }

    /** The operation ended here; nothing left to watch. Returns the deadline it had, or null if it was not watched. */
    public Instant forget(String id) {
        Instant deadline = deadlines.remove(id);
        if (deadline != null) {
            queue.remove(new Due(deadline, id));
        }
        return deadline;
    }

    /** Takes the ids whose deadline is before {@code now}. */
    public List<String> takeDue(Instant now) {
        List<String> due = new ArrayList<>();
        for (Due next = queue.pollFirst(); next != null; next = queue.pollFirst()) {
            if (!next.deadline().isBefore(now)) {
                queue.add(next);
                break;
            }
            deadlines.remove(next.id(), next.deadline());
            due.add(next.id());
        }
        return due;
    }

    int size() {
        return deadlines.size();
    }
}
