package dev.baton.eventing.parent;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code baton.parent-watch.*} (env {@code BATON_PARENT_WATCH_*}).
 *
 * @param enabled  exit when the process that started this one dies; the local launcher turns it on for its children
 * @param interval how often the parent is checked, so about how long an orphan outlives its launcher
 */
@ConfigurationProperties("baton.parent-watch")
public record ParentWatchConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "500ms") Duration interval) {
}
