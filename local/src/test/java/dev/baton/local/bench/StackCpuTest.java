package dev.baton.local.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackCpuTest {

    private static final List<StackProcesses.Watched> STACK = List.of(
            new StackProcesses.Watched("launcher", 100), new StackProcesses.Watched("operation", 101));

    @TempDir
    Path root;

    @Test
    void cpuSecondsCoresAndMillisecondsPerSignupOfEachProcessAndTheirTotal() {
        Map<String, ProcFs.Stat> before = Map.of(
                "launcher", new ProcFs.Stat(100, 1, 1_000, 5), "operation", new ProcFs.Stat(101, 100, 400, 9));
        // 10 s of wall time: 3 s and 1.5 s of CPU at 100 ticks a second
        Map<String, ProcFs.Stat> after = Map.of(
                "launcher", new ProcFs.Stat(100, 1, 1_300, 5), "operation", new ProcFs.Stat(101, 100, 550, 9));

        StackCpu.Usage usage = StackCpu.between(STACK, before, after, 100, 10);
        Map<String, Number> figures = usage.figures(1_500);

        assertTrue(usage.complete());
        assertEquals(4.5, figures.get("stack.cpuSeconds").doubleValue(), 1e-9);
        assertEquals(0.45, figures.get("stack.cpuCores").doubleValue(), 1e-9);
        assertEquals(3.0, figures.get("stack.cpuMsPerSignup").doubleValue(), 1e-9, "4500 ms / 1500 signups");
        assertEquals(2.0, figures.get("stack.launcher.cpuMsPerSignup").doubleValue(), 1e-9);
        assertEquals(0.3, figures.get("stack.launcher.cpuCores").doubleValue(), 1e-9);
        assertEquals(1.0, figures.get("stack.operation.cpuMsPerSignup").doubleValue(), 1e-9);
        assertEquals(1.5, figures.get("stack.operation.cpuSeconds").doubleValue(), 1e-9);
        assertEquals(0L, figures.get("stack.processesEnded"));
        assertEquals(Map.of("launcher", "pid 100 measured", "operation", "pid 101 measured"), usage.statusByName());
    }

    @Test
    void aProcessThatEndedOrWhosePidWasReusedLeavesNoTotal() {
        Map<String, ProcFs.Stat> before = Map.of(
                "launcher", new ProcFs.Stat(100, 1, 1_000, 5), "operation", new ProcFs.Stat(101, 100, 400, 9));

        StackCpu.Usage ended = StackCpu.between(STACK, before,
                Map.of("launcher", new ProcFs.Stat(100, 1, 1_300, 5)), 100, 10);
        StackCpu.Usage replaced = StackCpu.between(STACK, before, Map.of(
                "launcher", new ProcFs.Stat(100, 1, 1_300, 5), "operation", new ProcFs.Stat(101, 1, 20, 4_000)), 100, 10);

        for (StackCpu.Usage usage : List.of(ended, replaced)) {
            Map<String, Number> figures = usage.figures(1_500);
            assertFalse(usage.complete());
            assertFalse(figures.containsKey("stack.cpuMsPerSignup"), figures.toString());
            assertFalse(figures.containsKey("stack.operation.cpuSeconds"), figures.toString());
            assertEquals(2.0, figures.get("stack.launcher.cpuMsPerSignup").doubleValue(), 1e-9);
            assertEquals(1L, figures.get("stack.processesEnded"));
        }
        assertEquals(StackCpu.Status.ENDED, ended.processes().get(1).status());
        assertEquals(StackCpu.Status.REPLACED, replaced.processes().get(1).status());
        assertEquals("pid 101 ended during the run", ended.statusByName().get("operation"));
    }

    @Test
    void noSignupFinishedSoNothingPerSignup() {
        Map<String, ProcFs.Stat> stats = Map.of(
                "launcher", new ProcFs.Stat(100, 1, 1_000, 5), "operation", new ProcFs.Stat(101, 100, 400, 9));

        Map<String, Number> figures = StackCpu.between(STACK, stats, stats, 100, 10).figures(0);

        assertFalse(figures.containsKey("stack.cpuMsPerSignup"));
        assertEquals(0.0, figures.get("stack.cpuSeconds").doubleValue());
    }

    @Test
    void readsTheFakeProcAtStartAndStop() {
        FakeProc proc = new FakeProc(root).stat(100, 1, 200, 100, 5).stat(101, 100, 50, 50, 9);
        StackCpu meter = new StackCpu(proc.procFs(), STACK, 100);

        meter.start();
        proc.stat(100, 1, 350, 150, 5);
        proc.remove(101);
        StackCpu.Usage usage = meter.stop();

        assertEquals(2.0, usage.processes().get(0).cpuSeconds(), 1e-9, "(350 + 150 - 300) ticks / 100");
        assertEquals(StackCpu.Status.ENDED, usage.processes().get(1).status());
    }

    @Test
    void clockTicksArePositive() {
        assertTrue(StackCpu.clockTicksPerSecond() > 0);
    }
}
