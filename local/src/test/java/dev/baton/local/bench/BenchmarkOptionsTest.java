package dev.baton.local.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkOptionsTest {

    @Test
    void defaults() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertEquals(URI.create("http://localhost:8080"), options.url());
        assertEquals(Duration.ofSeconds(60), options.duration());
        assertEquals(Duration.ofSeconds(10), options.warmup());
        assertEquals(Duration.ofSeconds(10), options.waitTime());
        assertEquals(Duration.ofSeconds(60), options.drainTimeout());
        assertEquals(2000, options.maxInflightPolls());
        assertEquals(1, options.repeat());
        assertEquals(6000, options.signupCount(), "default 100/s for 60s");
        assertTrue(options.out().startsWith(Path.of("bench-results")));
        assertTrue(options.out().toString().endsWith(".json"));
        assertTrue(options.progress());
        assertFalse(options.help());
        assertFalse(options.isCompare());
    }

    @Test
    void everyOption() {
        BenchmarkOptions options = BenchmarkOptions.parse(
                "--url", "http://api.example:9000/", "--rate", "1000", "--duration", "2m", "--warmup", "500ms",
                "--wait=5s", "--drain-timeout", "90s", "--max-inflight-polls", "300", "--max-inflight-posts", "50",
                "--out", "r.json", "--label", "approval-200ms", "--repeat", "3", "--no-progress");

        assertEquals(URI.create("http://api.example:9000"), options.url(), "trailing slash dropped");
        assertEquals(1000, options.rate());
        assertEquals(Duration.ofMinutes(2), options.duration());
        assertEquals(120_000, options.signupCount());
        assertEquals(Duration.ofMillis(500), options.warmup());
        assertEquals(Duration.ofSeconds(5), options.waitTime());
        assertEquals(Duration.ofSeconds(90), options.drainTimeout());
        assertEquals(300, options.maxInflightPolls());
        assertEquals(50, options.maxInflightPosts());
        assertEquals(Path.of("r.json"), options.out());
        assertEquals("approval-200ms", options.label());
        assertEquals(3, options.repeat());
        assertFalse(options.progress());
    }

    @Test
    void countInsteadOfDuration() {
        BenchmarkOptions options = BenchmarkOptions.parse("--rate", "1000", "--count", "5000", "--warmup", "0");

        assertEquals(5000, options.signupCount());
        assertEquals(Duration.ZERO, options.warmup());
    }

    @Test
    void labelGoesIntoTheDefaultFileName() {
        BenchmarkOptions options = BenchmarkOptions.parse("--label", "approval 200ms");

        assertTrue(options.out().getFileName().toString().endsWith("-approval_200ms.json"), options.out().toString());
    }

    @Test
    void compareAndHelp() {
        BenchmarkOptions compare = BenchmarkOptions.parse("--compare", "a.json", "b.json");
        assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), compare.compare());
        assertTrue(compare.isCompare());

        assertTrue(BenchmarkOptions.parse("--help").help());
    }

    @Test
    void pidsAndTheKafkaBaseline() {
        BenchmarkOptions defaults = BenchmarkOptions.parse();
        assertEquals(java.util.Map.of(), defaults.pids());
        assertFalse(defaults.kafkaBaseline());
        assertEquals(null, defaults.bootstrapServers());

        BenchmarkOptions options = BenchmarkOptions.parse("--pids", "launcher=4242, operation=4250",
                "--kafka-baseline", "--bootstrap-servers=localhost:19092");

        assertEquals(List.of("launcher", "operation"), List.copyOf(options.pids().keySet()), "in the order given");
        assertEquals(4250L, options.pids().get("operation"));
        assertTrue(options.kafkaBaseline());
        assertEquals("localhost:19092", options.bootstrapServers());
    }

    @Test
    void rejectsBadPidsAndABootstrapWithoutBaseline() {
        for (String pids : List.of("4242", "launcher=", "=4242", "launcher=x", "launcher=0", "a=1,a=2", "a b=1", "")) {
            assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--pids", pids), pids);
        }
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--bootstrap-servers", "k:9092"));
        assertThrows(IllegalArgumentException.class,
                () -> BenchmarkOptions.parse("--kafka-baseline", "--bootstrap-servers", " "));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--duration", "10s", "--count", "5"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--rate", "0"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--rate", "fast"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--duration", "10"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--wait", "0s"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--count", "-3"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--url", "localhost:8080"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--rate"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--compare", "a.json"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--bogus", "1"));
        assertThrows(IllegalArgumentException.class,
                () -> BenchmarkOptions.parse("--rate", "0.5", "--duration", "1s"), "sends nothing");
    }
}
