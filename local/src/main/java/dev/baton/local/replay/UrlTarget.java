package dev.baton.local.replay;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.delivery.RecordEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POSTs each record as a KafkaSource would: the same CloudEvent in binary mode (ce-* headers, the
 * original ce-id, so the handler's idempotency recognises it) with {@code knativekafkapartition} and
 * {@code knativekafkaoffset}. A 5xx or a broken connection is retried with exponential backoff; a 4xx
 * is final, and either stops the run or is counted and skipped.
 */
final class UrlTarget implements Target {
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");
    /** As the manifests deploy, and as local delivery wraps records by default (BATON_LOCAL_DELIVERY_NAMESPACE). */
    private static final String NAMESPACE = "baton";

    private final URI url;
    private final HttpClient http;
    private final int retries;
    private final Duration backoff;
    private final boolean skipRejected;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong status4xx = new AtomicLong();

    UrlTarget(URI url, int retries, Duration backoff, boolean skipRejected) {
        this.url = url;
        this.retries = retries;
        this.backoff = backoff;
        this.skipRejected = skipRejected;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String describe(ConsumerRecord<String, byte[]> record) {
        return url.toString();
    }

    static HttpRequest request(URI url, ConsumerRecord<String, byte[]> record) {
        CloudEvent event = RecordEvents.toEvent(record, consumerOf(record.topic()), NAMESPACE);
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = {new byte[0]};
        HttpMessageFactory.createWriter(headers::put, bytes -> body[0] = bytes).writeBinary(event);
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body[0] == null ? new byte[0] : body[0]));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }

    /** Only used for a record that is not a CloudEvent, which gets wrapped in the consuming KafkaSource's name. */
    private static BatonFunction consumerOf(String topic) {
        for (BatonFunction function : BatonFunction.values()) {
            if (function.consumes().stream().map(Topic::topicName).anyMatch(topic::equals)) {
                return function;
            }
        }
        return BatonFunction.USER;
    }

    @Override
    public Result send(ConsumerRecord<String, byte[]> record) {
        HttpRequest request = request(url, record);
        Exception lastError = null;
        int status = 0;
        String body = "";
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                pause(backoff.multipliedBy(1L << Math.min(attempt - 1, 5)));
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                answered.incrementAndGet();
                status = response.statusCode();
                body = response.body();
                if (status < 300) {
                    return Result.OK;
                }
                if (status < 500) {
                    return rejected(record, status, body);
                }
            } catch (IOException e) {
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.FAILED;
            }
        }
        if (status == 0) {
            throw unreachable(lastError);
        }
        System.err.println("[replay] " + url + " answered " + status + " for " + Records.position(record) + " (id "
                + Selection.header(record, "ce_id") + ") after " + (retries + 1) + " attempts: " + excerpt(body));
        return Result.FAILED;
    }

    private Result rejected(ConsumerRecord<String, byte[]> record, int status, String body) {
        status4xx.incrementAndGet();
        String what = url + " answered " + status + " for " + Records.position(record) + " (id " + Selection.header(record, "ce_id")
                + ", type " + Selection.header(record, "ce_type") + "): " + excerpt(body);
        if (skipRejected) {
            System.err.println("[replay] skipped: " + what);
            return Result.REJECTED;
        }
        throw new Refused(what + "\n  The function refuses this event for good (on Kafka it would be dead-lettered). Fix the event "
                + "or the function, leave the record out (--operation, --type, offsets), or pass --on-4xx skip to carry on past such records.");
    }

    private ReplayException unreachable(Exception error) {
        String cause = error == null ? "no answer" : error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        if (answered.get() == 0 || error instanceof ConnectException) {
            return new ReplayException(ReplayException.UNREACHABLE, "cannot reach --to-url " + url + " (" + cause + ") after "
                    + (retries + 1) + " attempts.\n  Is the function running and the URL right? On the local stack the functions "
                    + "listen on http://localhost:8081/ (user), :8082/ (approval) and :8080/ (operation); on Knative, run from inside "
                    + "the cluster (see docs/replay.md) or port-forward the Service.");
        }
        return new ReplayException(ReplayException.UNREACHABLE, "lost --to-url " + url + " in the middle of the run (" + cause + ")");
    }

    private static String excerpt(String body) {
        String text = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String summarise(long ok, long rejected, long failed) {
        return "2xx " + ok + ", 4xx " + rejected + ", 5xx " + failed;
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close; its threads are daemons and end with the run.
    }
}
