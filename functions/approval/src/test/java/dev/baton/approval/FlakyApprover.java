package dev.baton.approval;

import dev.baton.eventing.contract.payload.ApprovalRequested;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real rules, except that requests of operations named {@code op-flaky-*} fail on their first
 * attempt and those named {@code op-doomed-*} always fail, with an ordinary (retryable) exception.
 * Only in contexts that set {@code test.flaky-approver=true}.
 */
@Singleton
@Replaces(Approver.class)
@Requires(property = "test.flaky-approver", value = "true")
class FlakyApprover extends Approver {
    static final String FLAKY = "op-flaky-";
    static final String DOOMED = "op-doomed-";
    /** Always fails the way a publish Kafka refuses for good does (a record too large). */
    static final String UNPUBLISHABLE = "op-unpublishable-";
    static final String OUTAGE = "simulated outage: the rules store is unreachable";

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    FlakyApprover(ApprovalConfig config) {
        super(config);
    }

    @Override
    public Verdict decide(ApprovalRequested request) {
        int attempt = attempts.computeIfAbsent(request.operationId(), k -> new AtomicInteger()).incrementAndGet();
        if (request.operationId().startsWith(DOOMED)) {
            throw new IllegalStateException(OUTAGE + " (attempt " + attempt + ")");
        }
        if (request.operationId().startsWith(UNPUBLISHABLE)) {
            throw new dev.baton.eventing.publish.PermanentPublishException("Kafka refused the event for good: RecordTooLargeException");
        }
        if (request.operationId().startsWith(FLAKY) && attempt == 1) {
            throw new IllegalStateException("simulated transient failure on the first attempt");
        }
        return super.decide(request);
    }

    int attempts(String operationId) {
        AtomicInteger count = attempts.get(operationId);
        return count == null ? 0 : count.get();
    }
}
