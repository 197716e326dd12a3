package dev.baton.operation;

import dev.baton.operation.TestHttp.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.baton.operation.TestHttp.PROBLEM_BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /operations/{id}}: not found, bad {@code ?wait=}, and a wait that ends at its duration or the configured cap. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationGetTest extends OperationApiTest {
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);

    @Override
    public Map<String, String> getProperties() {
        return TestHttp.properties("baton.operation.max-wait", MAX_WAIT.toMillis() + "ms");
    }

    @Test
    void pendingOperationIsReadAsCreated() {
        Reply created = signup("get-plain");

        Reply reply = get(created.location());

        assertEquals(200, reply.status(), reply.body());
        assertEquals(created.map(), reply.map());
    }

    @Test
    void unknownOperationIs404Problem() {
        String unknown = "get-unknown-" + UUID.randomUUID();

        Reply reply = get("/operations/" + unknown);

        Map<String, Object> problem = reply.problem(404, PROBLEM_BASE + "operation-not-found");
        assertEquals("/operations/" + unknown, problem.get("instance"));
        assertTrue(((String) problem.get("detail")).contains(unknown), reply.body());
    }

    @Test
    void unknownOperationIs404EvenWhenWaiting() {
        Reply reply = get("/operations/get-unknown-" + UUID.randomUUID() + "?wait=30s");

        reply.problem(404, PROBLEM_BASE + "operation-not-found");
    }

    @Test
    void invalidWaitIs400Problem() {
        String location = signup("get-bad-wait").location();
        for (String wait : List.of("abc", "-1s", "1.5s", "10h", "s", "1000000000ms")) {
            Reply reply = get(location + "?wait=" + wait);

            Map<String, Object> problem = reply.problem(400, PROBLEM_BASE + "invalid-wait");
            assertTrue(((String) problem.get("detail")).contains(wait), wait + ": " + reply.body());
        }
    }

    @Test
    void waitOnAPendingOperationReturnsItPendingWhenTheWaitEnds() {
        String location = signup("get-wait-500ms").location();

        long start = System.nanoTime();
        Reply reply = get(location + "?wait=500ms");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(200, reply.status(), reply.body());
        assertEquals("PENDING", reply.map().get("state"));
        assertEquals(false, reply.map().get("done"));
        assertTrue(took.compareTo(Duration.ofMillis(450)) >= 0, "returned before the wait was over: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "did not return after its wait: " + took);
    }

    @Test
    void plainSecondsAreAcceptedAsWait() {
        String location = signup("get-wait-plain").location();

        long start = System.nanoTime();
        Reply reply = get(location + "?wait=1");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(200, reply.status(), reply.body());
        assertEquals("PENDING", reply.map().get("state"));
        assertTrue(took.compareTo(Duration.ofMillis(950)) >= 0, "returned before the wait was over: " + took);
    }

    @Test
    void waitLongerThanTheMaximumIsCutToTheMaximum() {
        String location = signup("get-wait-capped").location();

        long start = System.nanoTime();
        Reply reply = get(location + "?wait=10m");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(200, reply.status(), reply.body());
        assertEquals("PENDING", reply.map().get("state"));
        assertTrue(took.compareTo(MAX_WAIT.minusMillis(50)) >= 0, "returned before the maximum wait: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "waited far beyond the " + MAX_WAIT + " maximum: " + took);
    }
}
