package dev.baton.eventing;

import io.micronaut.scheduling.TaskExecutors;

/**
 * The executor every blocking request handler runs on ({@code @ExecuteOn(HandlerPool.NAME)}): the
 * controllers, the sender-auth filter and the operation waits. It is Micronaut's {@code io} pool,
 * bounded by {@code micronaut.executors.io} ({@code BATON_IO_THREADS}, 64), so that overload queues
 * requests instead of growing threads. Not {@link TaskExecutors#BLOCKING}: on JDK 21 and newer
 * Micronaut runs that on virtual threads, where the bound no longer applies. Moving to virtual
 * threads is a decision to make by measurement, here, in one line.
 */
public final class HandlerPool {
    public static final String NAME = TaskExecutors.IO;

    private HandlerPool() {
    }
}
