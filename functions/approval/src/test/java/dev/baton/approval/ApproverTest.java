package dev.baton.approval;

import dev.baton.eventing.contract.payload.ApprovalDecided.Decision;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The approval rules on their own: no context, no servers. */
class ApproverTest {
    private final Approver approver = new Approver(
            new ApprovalConfig(List.of("blocked.example", " Spam.Test "), List.of("admin", "root", "system"), Duration.ZERO));

    @ParameterizedTest
    @ValueSource(strings = {"eve@blocked.example", "eve@BLOCKED.Example", "eve@mail.blocked.example", "eve@a.b.blocked.example",
            "eve@spam.test", "EVE@Mx.SPAM.test"})
    void aBlockedDomainAndItsSubdomainsAreRejectedIgnoringCase(String email) {
        Approver.Verdict verdict = approver.decide(request(Fixtures.NAME, email));
        assertEquals(Decision.REJECTED, verdict.decision(), email);
        assertTrue(verdict.reason().contains("is blocked"), verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "ada@notblocked.example", "ada@blocked.example.com", "blocked.example@example.com",
            "ada@blocked-example", "ada@myspam.test"})
    void lookalikeDomainsAreNotBlocked(String email) {
        assertEquals(Decision.APPROVED, approver.decide(request(Fixtures.NAME, email)).decision(), email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "Admin", "ROOT", "  system  "})
    void reservedNamesAreRejectedIgnoringCaseAndSurroundingSpace(String name) {
        Approver.Verdict verdict = approver.decide(request(name, Fixtures.EMAIL));
        assertEquals(Decision.REJECTED, verdict.decision(), name);
        assertTrue(verdict.reason().contains("is reserved"), verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"administrator", "rooty", "Ada Lovelace"})
    void namesMerelyContainingAReservedNameAreApproved(String name) {
        assertEquals(Decision.APPROVED, approver.decide(request(name, Fixtures.EMAIL)).decision(), name);
    }

    @Test
    void withoutAnEmailAsTheOriginalDemoSendsTheNameAloneDecides() {
        Approver.Verdict approved = approver.decide(request(Fixtures.NAME, null));
        assertEquals(Decision.APPROVED, approved.decision());
        assertTrue(!approved.reason().isBlank());

        assertEquals(Decision.REJECTED, approver.decide(request("root", null)).decision());
    }

    @Test
    void aReservedNameIsRejectedEvenWithAnAcceptableDomain() {
        assertEquals(Decision.REJECTED, approver.decide(request("admin", "admin@example.com")).decision());
    }

    @Test
    void theVerdictIsDeterministic() {
        ApprovalRequested request = request(Fixtures.NAME, "eve@blocked.example");
        assertEquals(approver.decide(request), approver.decide(request));
    }

    private static ApprovalRequested request(String name, String email) {
        return new ApprovalRequested(Fixtures.OPERATION_ID, Fixtures.USER_ID, name, email);
    }
}
