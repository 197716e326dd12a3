package dev.baton.local.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcFsTest {

    @TempDir
    Path root;

    @Test
    void readsTheStatFieldsAfterACommandNameWithSpacesAndParentheses() {
        Optional<ProcFs.Stat> stat = ProcFs.parseStat(
                "4242 (my (odd) java) S 4200 4242 4242 0 -1 4194560 1 0 0 0 150 25 0 0 20 0 42 0 987654 4096 100");

        assertEquals(Optional.of(new ProcFs.Stat(4242, 4200, 175, 987654)), stat);
    }

    @Test
    void aStatLineItCannotReadIsNoStat() {
        assertEquals(Optional.empty(), ProcFs.parseStat(""));
        assertEquals(Optional.empty(), ProcFs.parseStat("12 (java) S 1 2 3"));
        assertEquals(Optional.empty(), ProcFs.parseStat("12 (java) S x 1 1 0 -1 0 0 0 0 0 a b 0 0 20 0 1 0 5 1 1"));
    }

    @Test
    void listsProcessesAndReadsTheirCommandLineEnvironmentAndStat() throws Exception {
        FakeProc proc = new FakeProc(root)
                .process(7, 1, "java -jar /x/baton-user.jar", Map.of("PORT", "8081", "EMPTY", ""))
                .stat(7, 1, 300, 45, 777);
        Files.createDirectories(root.resolve("self"));
        Files.createDirectories(root.resolve("sys"));
        ProcFs fs = proc.procFs();

        assertEquals(List.of(7L), fs.pids());
        assertEquals(List.of("java", "-jar", "/x/baton-user.jar"), fs.cmdline(7));
        assertEquals(Map.of("PORT", "8081", "EMPTY", ""), fs.environ(7));
        assertEquals(Optional.of(new ProcFs.Stat(7, 1, 345, 777)), fs.stat(7));
    }

    @Test
    void aProcessThatIsGoneHasNothing() {
        ProcFs fs = new ProcFs(root);

        assertEquals(List.of(), fs.cmdline(99));
        assertEquals(Map.of(), fs.environ(99));
        assertEquals(Optional.empty(), fs.stat(99));
        assertTrue(fs.exists());
        assertTrue(!new ProcFs(root.resolve("missing")).exists());
    }
}
