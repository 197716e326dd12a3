package dev.baton.local.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DispatchOptionsTest {

    @Test
    void eachFunctionDefaultsToItsPortUnderBatonUp() {
        assertEquals(URI.create("http://localhost:8082"), BenchmarkOptions.parse("--dispatch", "approval").url());
        assertEquals(URI.create("http://localhost:8081"), BenchmarkOptions.parse("--dispatch", "user").url());
        assertEquals(URI.create("http://localhost:8080"), BenchmarkOptions.parse("--dispatch", "operation").url());
        assertEquals(URI.create("http://localhost:38082"),
                BenchmarkOptions.parse("--url", "http://localhost:38082", "--dispatch", "approval").url());
    }

    @Test
    void concurrencyDefaultsToTheDispatchersWindow() {
        BenchmarkOptions options = BenchmarkOptions.parse("--dispatch=user", "--rate", "400", "--duration", "20s");
        assertTrue(options.isDispatch());
        assertEquals("user", options.dispatch());
        assertEquals(50, options.concurrency());
        assertEquals(7, BenchmarkOptions.parse("--dispatch", "user", "--concurrency", "7").concurrency());
        assertTrue(options.out().getFileName().toString().contains("-dispatch-user"), options.out().toString());
    }

    @Test
    void userSignupsGoAtHalfTheEventRate() {
        BenchmarkOptions user = BenchmarkOptions.parse("--dispatch", "user", "--rate", "400", "--duration", "20s");
        assertEquals(200, DispatchRun.unitRate(user));
        assertEquals(4000, DispatchRun.measuredUnits(user));
        assertEquals(3, DispatchRun.measuredUnits(BenchmarkOptions.parse("--dispatch", "user", "--count", "6")));
        BenchmarkOptions approval = BenchmarkOptions.parse("--dispatch", "approval", "--rate", "400", "--duration", "20s");
        assertEquals(8000, DispatchRun.measuredUnits(approval));
    }

    @Test
    void signupScenarioIsUnchanged() {
        BenchmarkOptions options = BenchmarkOptions.parse();
        assertFalse(options.isDispatch());
        assertNull(options.dispatch());
    }

    @Test
    void usageErrors() {
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--dispatch", "billing"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--dispatch"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--concurrency", "10"));
        assertThrows(IllegalArgumentException.class,
                () -> BenchmarkOptions.parse("--dispatch", "user", "--concurrency", "0"));
        for (String signupOnly : new String[] {"--wait=5s", "--max-inflight-polls=10", "--max-inflight-posts=10",
                "--kafka-baseline"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> BenchmarkOptions.parse("--dispatch", "approval", signupOnly), signupOnly);
        }
    }
}
