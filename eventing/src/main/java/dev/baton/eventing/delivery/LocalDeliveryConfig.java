package dev.baton.eventing.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code baton.local-delivery.*} (env {@code BATON_LOCAL_DELIVERY_*}): local delivery mirrors a
 * KafkaSource with {@code ordering: unordered} and a {@code delivery} spec of retry + exponential backoff.
 *
 * @param enabled       consume this function's topics in-process (laptop, tests); off on Knative, where the KafkaSource delivers
 * @param maxInFlight   records handled at once per consumer, across partitions, so slow handlers become concurrency, not lag
 * @param retry         retries after the first attempt for a retryable failure, like {@code delivery.retry}
 * @param backoffDelay  {@code delivery.backoffDelay} with exponential policy: retry n waits backoffDelay × 2^n, as the
 *                      KafkaSource dispatcher does (2, 4, 8, 16, 32 s for 1 s), so one setting means the same in both places
 * @param backoffMax    cap on a single retry delay
 * @param pollTimeout   how long one poll of the broker may block
 * @param commitInterval how often handled offsets are committed; a crash redelivers at most this much, which idempotent handlers absorb
 * @param sessionTimeout how long the broker waits for a silent consumer before handing its partitions to another
 * @param namespace      the namespace in the source of a wrapped non-CloudEvent record
 *                       ({@code /apis/v1/namespaces/<namespace>/kafkasources/...}): the one the manifests deploy to
 * @param destination    {@code knativeerrordest} of a dead letter, the subscriber's URL as the dispatcher records it;
 *                       unset: the sink's cluster-local URL on Knative, {@code http://<sink service>.<namespace>.svc.cluster.local}
 * @param instanceId     static group membership ({@code group.instance.id}, with the function's name appended): a
 *                       restarted consumer with the same id takes over its partitions without waiting for the
 *                       session timeout; only one live consumer may use an id, so leave it unset where several run
 */
@ConfigurationProperties("baton.local-delivery")
public record LocalDeliveryConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "256") int maxInFlight,
        @Bindable(defaultValue = "5") int retry,
        @Bindable(defaultValue = "200ms") Duration backoffDelay,
        @Bindable(defaultValue = "10s") Duration backoffMax,
        @Bindable(defaultValue = "50ms") Duration pollTimeout,
        @Bindable(defaultValue = "200ms") Duration commitInterval,
        @Bindable(defaultValue = "10s") Duration sessionTimeout,
        @Bindable(defaultValue = "baton") String namespace,
        @Nullable String destination,
        @Nullable String instanceId) {

    /** Delay before retry number {@code retryNumber} (1-based): backoffDelay × 2^n, capped, like the dispatcher. */
    public Duration backoff(int retryNumber) {
        long millis = backoffDelay.toMillis() << Math.min(retryNumber, 20);
        return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
    }

    /** Where a dead letter says delivery was attempted: {@link #destination}, or the sink's cluster-local URL. */
    public String destinationOf(String sinkServiceName) {
        return destination != null && !destination.isBlank() ? destination
                : "http://" + sinkServiceName + "." + namespace + ".svc.cluster.local";
    }
}
