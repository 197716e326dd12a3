package dev.baton.eventing.parent;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this function when the local launcher that started it is gone, so that no orphan keeps its port and
 * its consumer group; on Kubernetes, where the kubelet owns the process, it stays off.
 */
@Context
@Requires(property = "baton.parent-watch.enabled", value = "true")
public class ExitWithParent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExitWithParent.class);

    /** Nobody is left to read the exit code; the shutdown is orderly, so 0. */
    static final int EXIT_CODE = 0;

    private final ParentWatch watch;

    public ExitWithParent(ParentWatchConfig config) {
        this.watch = ParentWatch.start(config.interval(), this::exit);
    }

    public long parentPid() {
        return watch.parentPid();
    }

    @PreDestroy
    @Override
    public void close() {
        watch.close();
    }

    private void exit() {
        LOG.info("parent process {} is gone; exiting", watch.parentPid());
        // Runs the shutdown hooks, and with them Micronaut's, which close the consumers and the server.
        System.exit(EXIT_CODE);
    }
}
