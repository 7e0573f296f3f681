package io.documind.invitation.lifecycle;

import io.documind.invitation.directory.TemplateRole;
import io.documind.kit.web.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvitationRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final List<TemplateRole> TEMPLATE = List.of(
            new TemplateRole("r1", "Admin", List.of("invite:member"), List.of()),
            new TemplateRole("r2", "Member", List.of(), List.of()),
            new TemplateRole(null, "Guest", List.of(), List.of()));

    private final InvitationRules rules = new InvitationRules(Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(60));

    @Test
    void expiryDefaultsToSevenDays() {
        assertEquals(Instant.parse("2026-03-08T10:00:00.123Z"), rules.expiry(null, NOW));
    }

    @Test
    void expiryMustBeInTheFutureAndAtMostThirtyDaysAhead() {
        assertEquals(400, problem(() -> rules.expiry(NOW, NOW)).status().getCode());
        assertEquals(400, problem(() -> rules.expiry(NOW.minusSeconds(1), NOW)).status().getCode());
        ProblemException tooFar = problem(() -> rules.expiry(NOW.plus(Duration.ofDays(30)).plusMillis(1), NOW));
        assertEquals(400, tooFar.status().getCode());
        assertEquals("expiresAt", tooFar.field());
        Instant max = NOW.plus(Duration.ofDays(30));
        assertEquals(max.toEpochMilli(), rules.expiry(max, NOW).toEpochMilli());
        assertEquals(NOW.plusSeconds(1).toEpochMilli(), rules.expiry(NOW.plusSeconds(1), NOW).toEpochMilli());
    }

    @Test
    void rolesResolveByNameOrIdOnceEachInOrder() {
        List<InvitationRole> roles = rules.resolveRoles(List.of("Member", "Guest", "Member"), List.of("r1", "r2"), TEMPLATE);
        assertEquals(List.of(new InvitationRole("r2", "Member"), new InvitationRole(null, "Guest"),
                new InvitationRole("r1", "Admin")), roles);
    }

    @Test
    void noRoleAtAllIsAllowed() {
        for (List<String> none : java.util.Arrays.asList(null, List.<String>of())) {
            assertEquals(List.of(), rules.resolveRoles(none, none, TEMPLATE));
        }
    }

    @Test
    void unknownRolesAreRefusedByField() {
        ProblemException byName = problem(() -> rules.resolveRoles(List.of("Admin", "Owner", "admin"), null, TEMPLATE));
        assertEquals(422, byName.status().getCode());
        assertEquals("organizationRoleNames", byName.field());
        assertTrue(byName.getMessage().contains("Owner, admin"), byName.getMessage());
        ProblemException byId = problem(() -> rules.resolveRoles(null, List.of("r9"), TEMPLATE));
        assertEquals("organizationRoleIds", byId.field());
    }

    @Test
    void onlyPendingMayChangeAndOverduePendingIsAlreadyExpired() {
        rules.requireChangeable(invitation(InvitationStatus.Pending, NOW.plusSeconds(1)), NOW);
        for (InvitationStatus status : List.of(InvitationStatus.Accepted, InvitationStatus.Expired, InvitationStatus.Revoked)) {
            ProblemException e = problem(() -> rules.requireChangeable(invitation(status, NOW.plusSeconds(60)), NOW));
            assertEquals(422, e.status().getCode());
            assertTrue(e.getMessage().contains(status.name()));
        }
        Invitation overdue = invitation(InvitationStatus.Pending, NOW);
        assertEquals(InvitationStatus.Expired, overdue.statusAt(NOW));
        assertEquals(InvitationStatus.Pending, overdue.statusAt(NOW.minusMillis(1)));
        assertTrue(problem(() -> rules.requireChangeable(overdue, NOW)).getMessage().contains("Expired"));
    }

    @Test
    void resendWaitsForTheCooldown() {
        assertEquals(Duration.ZERO, rules.resendWait(null, NOW));
        assertEquals(Duration.ofSeconds(45), rules.resendWait(NOW.minusSeconds(15), NOW));
        assertEquals(Duration.ZERO, rules.resendWait(NOW.minusSeconds(60), NOW));
        assertEquals(Duration.ZERO, rules.resendWait(NOW.minusSeconds(600), NOW));
    }

    @Test
    void emailsMatchWithoutRegardToCase() {
        assertTrue(InvitationRules.sameEmail("Ann.Lee@Example.COM", "ann.lee@example.com"));
        assertFalse(InvitationRules.sameEmail("ann@example.com", "anne@example.com"));
        assertFalse(InvitationRules.sameEmail(null, "ann@example.com"));
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new InvitationRules(Duration.ofDays(31), Duration.ofDays(30), Duration.ZERO));
    }

    static Invitation invitation(InvitationStatus status, Instant expiresAt) {
        return new Invitation(UUID.randomUUID(), "org", "a@b.c", null, null, List.of(), status, new byte[32],
                expiresAt, status == InvitationStatus.Accepted ? "u" : null, null, NOW, NOW);
    }

    private static ProblemException problem(Runnable r) {
        return assertThrows(ProblemException.class, r::run);
    }
}
