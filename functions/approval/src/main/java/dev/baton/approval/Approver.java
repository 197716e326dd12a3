package dev.baton.approval;

import dev.baton.eventing.contract.payload.ApprovalDecided.Decision;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import jakarta.inject.Singleton;

import java.util.Locale;

/** The approval rules: a blocked e-mail domain or a reserved name is rejected, everything else approved. */
@Singleton
public class Approver {
    private final ApprovalConfig config;

    public Approver(ApprovalConfig config) {
        this.config = config;
    }

    public Verdict decide(ApprovalRequested request) {
        String name = request.name().trim();
        for (String reserved : config.reservedNames()) {
            if (name.equalsIgnoreCase(reserved.trim())) {
                return new Verdict(Decision.REJECTED, "the name '" + name + "' is reserved");
            }
        }
        if (request.email() != null) {
            String domain = request.email().substring(request.email().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            for (String blocked : config.blockedDomains()) {
                String rule = blocked.trim().toLowerCase(Locale.ROOT);
                if (!rule.isEmpty() && (domain.equals(rule) || domain.endsWith("." + rule))) {
                    return new Verdict(Decision.REJECTED, "e-mail domain " + domain + " is blocked");
                }
            }
        }
        return new Verdict(Decision.APPROVED, "passed the name and e-mail domain rules");
    }

    public record Verdict(Decision decision, String reason) {
    }
}
