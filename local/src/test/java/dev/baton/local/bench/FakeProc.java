package dev.baton.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** A /proc of made-up processes in a temporary directory, with just the files {@link ProcFs} reads. */
final class FakeProc {

    private final Path root;

    FakeProc(Path root) {
        this.root = root;
    }

    ProcFs procFs() {
        return new ProcFs(root);
    }

    FakeProc process(long pid, long parent, String command, Map<String, String> env) {
        write(pid, "cmdline", String.join("\0", command.split(" ")) + "\0");
        write(pid, "environ", env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\0", "", "\0")));
        return stat(pid, parent, 0, 0, 1000);
    }

    /** A line as Linux writes it, with a command name that holds a space and a parenthesis. */
    FakeProc stat(long pid, long parent, long utime, long stime, long startTicks) {
        write(pid, "stat", pid + " (java) x) S " + parent + " " + pid + " " + pid + " 0 -1 4194560 1 0 0 0 "
                + utime + " " + stime + " 0 0 20 0 42 0 " + startTicks + " 4096 100 18446744073709551615");
        return this;
    }

    void remove(long pid) {
        try (var files = Files.list(root.resolve(Long.toString(pid)))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(root.resolve(Long.toString(pid)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(long pid, String file, String content) {
        try {
            Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
            Files.writeString(dir.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
