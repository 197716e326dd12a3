package dev.baton.local.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few things the benchmark reads from Linux's /proc. The root is a parameter so that tests can hand it a fake
 * directory. Every read may fail because the process has just ended; that is an empty answer, not an error.
 */
final class ProcFs {

    /** From /proc/<pid>/stat: the parent, user+system CPU so far, and the start time, all in clock ticks. */
    record Stat(long pid, long parentPid, long cpuTicks, long startTicks) {
    }

    private final Path root;

    ProcFs(Path root) {
        this.root = root;
    }

    static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    boolean exists() {
        return Files.isDirectory(root);
    }

    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        pids.sort(null);
        return pids;
    }

    /** The arguments, NUL-separated in the file; empty for kernel threads and processes that are gone. */
    List<String> cmdline(long pid) {
        return read(pid, "cmdline").map(text -> text.isEmpty() ? List.<String>of()
                : Arrays.asList(text.split("\0"))).orElse(List.of());
    }

    /** Readable only for processes of the same user, which the stack's are. */
    Map<String, String> environ(long pid) {
        Map<String, String> env = new HashMap<>();
        read(pid, "environ").ifPresent(text -> {
            for (String entry : text.split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    env.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
        });
        return env;
    }

    Optional<Stat> stat(long pid) {
        return read(pid, "stat").flatMap(ProcFs::parseStat);
    }

    /**
     * Fields as numbered in proc(5): 4 ppid, 14 utime, 15 stime, 22 starttime. Field 2, the command name in
     * parentheses, may itself hold spaces and parentheses, so counting starts after the last ')'.
     */
    static Optional<Stat> parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open <= 0 || close < open) {
            return Optional.empty();
        }
        String[] fields = line.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state)
        if (fields.length < 20) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(line.substring(0, open).trim());
            long parent = Long.parseLong(fields[4 - 3]);
            long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
            long start = Long.parseLong(fields[22 - 3]);
            return Optional.of(new Stat(pid, parent, ticks, start));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<String> read(long pid, String file) {
        try {
            return Optional.of(new String(Files.readAllBytes(root.resolve(Long.toString(pid)).resolve(file)),
                    StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
