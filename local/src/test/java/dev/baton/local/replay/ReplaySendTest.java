package dev.baton.local.replay;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import dev.baton.eventing.publish.EventPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import static dev.baton.local.replay.ReplayKafka.event;
import static dev.baton.local.replay.ReplayKafka.header;
import static dev.baton.local.replay.ReplayKafka.replay;
import static dev.baton.local.replay.ReplayKafka.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --to-topic, --redrive and --to-url on a real broker, with a real HTTP server as the sink. */
class ReplaySendTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private HttpServer server;

    /** One request as the sink saw it. */
    record Request(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** A sink answering the statuses given in turn, then {@code otherwise}; keeps every request it got. */
    private String sink(List<Request> seen, Deque<Integer> answers, int otherwise) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            seen.add(new Request(headers, exchange.getRequestBody().readAllBytes()));
            Integer status = answers.poll();
            byte[] body = "{\"detail\":\"test sink\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? otherwise : status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void toTopicKeepsKeyValueAndEveryHeader() {
        String source = ReplayKafka.topic("copy-source");
        String target = ReplayKafka.topic("copy-target");
        for (int i = 0; i < 5; i++) {
            write(source, event("c" + i, "dev.baton.user.create.requested", "op" + i, T0), T0);
        }
        ReplayKafka.Run run = replay(source, "--to-topic", target);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("written 5, failed 0"), run::toString);
        Map<String, ConsumerRecord<String, byte[]>> originals = byId(ReplayKafka.readAll(source));
        Map<String, ConsumerRecord<String, byte[]>> copies = byId(ReplayKafka.readAll(target));
        assertEquals(originals.keySet(), copies.keySet());
        originals.forEach((id, original) -> {
            ConsumerRecord<String, byte[]> copy = copies.get(id);
            assertEquals(original.key(), copy.key());
            assertArrayEquals(original.value(), copy.value());
            assertEquals(headers(original), headers(copy));
            assertEquals(original.partition(), copy.partition(), "the key picks the same partition");
        });
    }

    @Test
    void redriveWritesEachDeadLetterBackWithoutTheErrorExtensionsAndADryRunFirst() {
        String source = ReplayKafka.topic("redrive-source");
        String dlq = source + ".dlq";
        ReplayKafka.kafka().createTopics(List.of(dlq), ReplayKafka.PARTITIONS);
        CloudEvent original = event("d1", "dev.baton.user.create.requested", "op-d1", T0);
        CloudEvent deadLetter = CloudEventBuilder.from(original)
                .withExtension("knativekafkapartition", 2).withExtension("knativekafkaoffset", 41L)
                .withExtension("knativeerrorcode", 500).withExtension("knativeerrordest", "baton-user")
                .withExtension("batonerrorreason", "retries exhausted: MongoDB down").withExtension("batonattempts", 6)
                .withExtension("batonsourcetopic", source).withExtension("batonsourcepartition", 2)
                .withExtension("batonsourceoffset", 41L).build();
        ReplayKafka.send(EventPublisher.toRecord(dlq, "op-d1", deadLetter));

        ReplayKafka.Run dry = replay("--redrive", dlq, "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.out().contains("would send 1 record(s) from " + dlq) && dry.out().contains("back to " + source), dry::toString);
        assertEquals(0, ReplayKafka.readAll(source).size());

        ReplayKafka.Run run = replay("--redrive", dlq);
        assertEquals(0, run.exitCode(), run::toString);
        List<ConsumerRecord<String, byte[]>> back = ReplayKafka.readAll(source);
        assertEquals(1, back.size());
        ConsumerRecord<String, byte[]> record = back.get(0);
        assertEquals("op-d1", record.key());
        assertEquals("d1", header(record, "ce_id"));
        assertEquals(headers(ReplayKafka.readAll(source).get(0)), headers(record));
        for (String removed : Records.DEAD_LETTER_HEADERS) {
            assertNull(header(record, removed), removed);
        }
        assertEquals(Map.copyOf(withoutErrors(original)), Map.copyOf(headers(record)));
    }

    @Test
    void toUrlPostsAsAKafkaSourceDoesAndRetriesA5xx() throws IOException {
        String source = ReplayKafka.topic("url-source");
        for (int i = 0; i < 3; i++) {
            write(source, event("u" + i, "dev.baton.user.create.requested", "op-u" + i, T0), T0);
        }
        List<Request> seen = Collections.synchronizedList(new ArrayList<>());
        String url = sink(seen, new ConcurrentLinkedDeque<>(List.of(503, 502)), 200);
        ReplayKafka.Run run = replay(source, "--to-url", url, "--backoff-ms", "10", "--concurrency", "1");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("3 of 3 records") && run.out().contains("2xx 3, 4xx 0, 5xx 0"), run::toString);
        assertEquals(5, seen.size(), "two 5xx answers retried");
        Map<String, ConsumerRecord<String, byte[]>> records = byId(ReplayKafka.readAll(source));
        for (Request request : seen.subList(2, 5)) {
            ConsumerRecord<String, byte[]> record = records.get(request.header("ce-id"));
            assertEquals("1.0", request.header("ce-specversion"));
            assertEquals("dev.baton.user.create.requested", request.header("ce-type"));
            assertEquals(record.key(), request.header("ce-subject"));
            assertEquals("application/json", request.header("content-type"));
            assertEquals(String.valueOf(record.partition()), request.header("ce-knativekafkapartition"));
            assertEquals(String.valueOf(record.offset()), request.header("ce-knativekafkaoffset"));
            assertArrayEquals(record.value(), request.body());
        }
    }

    @Test
    void a4xxStopsTheRunOrIsSkippedAndCounted() throws IOException {
        String source = ReplayKafka.topic("url-4xx");
        for (int i = 0; i < 4; i++) {
            write(source, event("r" + i, "dev.baton.user.create.requested", "op-r" + i, T0.plusSeconds(i)), T0.plusSeconds(i));
        }
        List<Request> seen = Collections.synchronizedList(new ArrayList<>());
        String url = sink(seen, new ConcurrentLinkedDeque<>(List.of(200, 400)), 200);
        ReplayKafka.Run stop = replay(source, "--to-url", url, "--concurrency", "1");
        assertEquals(ReplayException.REJECTED, stop.exitCode(), stop::toString);
        assertTrue(stop.err().contains("answered 400") && stop.err().contains("--on-4xx skip"), stop::toString);
        assertTrue(stop.err().contains("2xx 1, 4xx 1, 5xx 0, not sent 2"), stop::toString);
        assertEquals(2, seen.size(), "nothing sent after the 400");

        server.stop(0);
        seen.clear();
        url = sink(seen, new ConcurrentLinkedDeque<>(List.of(200, 400)), 200);
        ReplayKafka.Run skip = replay(source, "--to-url", url, "--concurrency", "1", "--on-4xx", "skip");
        assertEquals(ReplayException.FAILED, skip.exitCode(), skip::toString);
        assertTrue(skip.out().contains("4 of 4 records") && skip.out().contains("2xx 3, 4xx 1, 5xx 0"), skip::toString);
        assertEquals(4, seen.size());
    }

    @Test
    void aRateAndConcurrencyLimitStillSendEverything() throws IOException {
        String source = ReplayKafka.topic("url-rate");
        for (int i = 0; i < 6; i++) {
            write(source, event("p" + i, "dev.baton.user.create.requested", "op-p" + i, T0), T0);
        }
        List<Request> seen = Collections.synchronizedList(new ArrayList<>());
        String url = sink(seen, new ConcurrentLinkedDeque<>(), 202);
        ReplayKafka.Run run = replay(source, "--to-url", url, "--concurrency", "2", "--rate", "100", "--progress-ms", "50");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(6, seen.size());
    }

    private static Map<String, ConsumerRecord<String, byte[]>> byId(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, ConsumerRecord<String, byte[]>> byId = new TreeMap<>();
        records.forEach(r -> byId.put(header(r, "ce_id"), r));
        return byId;
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new TreeMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    private static Map<String, String> withoutErrors(CloudEvent event) {
        return headers(toConsumerRecord(EventPublisher.toRecord("x", event.getSubject(), event)));
    }

    private static ConsumerRecord<String, byte[]> toConsumerRecord(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0, 0, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, record.key(), record.value(), record.headers(), java.util.Optional.empty());
    }
}
