package dev.baton.approval;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * {@code baton.approval.*} (env {@code BATON_APPROVAL_*}): the approval rules.
 *
 * @param blockedDomains e-mail domains that are never approved (a domain and its subdomains)
 * @param reservedNames  names nobody may sign up with, compared ignoring case
 * @param workTime       simulated work per decision; the original demo slept 200 ms
 */
@ConfigurationProperties("baton.approval")
public record ApprovalConfig(
        @Bindable(defaultValue = "blocked.example") List<String> blockedDomains,
        @Bindable(defaultValue = "admin,root,system") List<String> reservedNames,
        @Bindable(defaultValue = "0ms") Duration workTime) {
}
