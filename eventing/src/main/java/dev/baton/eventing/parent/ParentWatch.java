package dev.baton.eventing.parent;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs {@code onParentGone} once when the process that started this one has died, e.g. a launcher killed with -9.
 * Plain Java, so that anything started by the local launcher can use it, with or without Micronaut.
 *
 * <p>It polls the parent pid instead of waiting on {@code parent.onExit()}: the kernel reparents a child the moment
 * its parent dies, whereas {@code onExit()} of a process that is not our child fires only once the dead parent has
 * been reaped by its own parent, which may take long or never happen (tried: 12 s late while the launcher was a
 * zombie). Nor does it wait for EOF on stdin, which holds only as long as the launcher keeps a pipe open to it.
 */
public final class ParentWatch implements AutoCloseable {

    private final long parentPid;
    private final Thread thread;
    private volatile boolean closed;

    private ParentWatch(long parentPid, Duration interval, Runnable onParentGone) {
        this.parentPid = parentPid;
        this.thread = new Thread(() -> watch(interval, onParentGone), "baton-parent-watch");
        // Never the reason the process stays up.
        thread.setDaemon(true);
    }

    /** @throws IllegalStateException when this process has no parent left to watch */
    public static ParentWatch start(Duration interval, Runnable onParentGone) {
        long parentPid = currentParentPid()
                .orElseThrow(() -> new IllegalStateException("this process has no parent to watch"));
        ParentWatch watch = new ParentWatch(parentPid, interval, onParentGone);
        watch.thread.start();
        return watch;
    }

    public long parentPid() {
        return parentPid;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private void watch(Duration interval, Runnable onParentGone) {
        try {
            while (!closed) {
                if (currentParentPid().orElse(-1L) != parentPid) {
                    onParentGone.run();
                    return;
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private static Optional<Long> currentParentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid);
    }
}
