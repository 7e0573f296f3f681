package io.documind.kit.grants;

import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrantRuleTest {

    private static final GrantRule.Role ADMIN = new GrantRule.Role("Admin",
            List.of("read:documents", "invite:member", "manage:member", "delete:organization"));
    private static final GrantRule.Role MEMBER = new GrantRule.Role("Member", List.of("read:documents", "invite:member"));
    private static final GrantRule.Role NOTHING = new GrantRule.Role("Empty", List.of());
    private static final Set<String> MEMBER_SCOPES = Set.of("read:documents", "invite:member");
    /** Organization scopes a Member holds, and an API's scope (by id) that a Member's roles do not carry. */
    private static final GrantRule.Role BILLER = new GrantRule.Role("Biller", List.of("read:documents"),
            List.of("scope-write-invoices"));

    @Test
    void aRoleWithAScopeTheCallerLacksIsRefusedNamingTheRoleAndTheMissingScopes() {
        ProblemException e = assertThrows(ProblemException.class, () -> GrantRule.requireHeld(
                TokenKind.ORGANIZATION, MEMBER_SCOPES, Set::of, List.of(MEMBER, ADMIN), "organizationRoleNames"));
        assertEquals(HttpStatus.FORBIDDEN, e.status());
        assertEquals("organizationRoleNames", e.field());
        assertTrue(e.getMessage().contains("role Admin"), e.getMessage());
        assertTrue(e.getMessage().contains("(delete:organization, manage:member)"), e.getMessage());
        assertFalse(e.getMessage().contains("read:documents"), e.getMessage());
    }

    @Test
    void takingRolesAwayAsksTheSameOfTheRolesTheMemberHoldsNow() {
        ProblemException e = assertThrows(ProblemException.class, () -> GrantRule.requireHeldToTake(
                TokenKind.ORGANIZATION, Set.of("read:documents", "invite:member", "manage:member"), Set::of,
                List.of(MEMBER, ADMIN)));
        assertEquals(HttpStatus.FORBIDDEN, e.status());
        assertTrue(e.getMessage().startsWith("You may not change or remove a member holding the role Admin"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(delete:organization)"), e.getMessage());
        assertDoesNotThrow(() -> GrantRule.requireHeldToTake(TokenKind.ORGANIZATION, MEMBER_SCOPES,
                GrantRuleTest::neverAsked, List.of(MEMBER, NOTHING)));
        assertDoesNotThrow(() -> GrantRule.requireHeldToTake(TokenKind.MANAGEMENT, Set.of("all"),
                GrantRuleTest::neverAsked, List.of(ADMIN, BILLER)));
    }

    @Test
    void holdsAsksTheSameQuestionForAuthorityThatChangedAfterTheGrant() {
        assertTrue(GrantRule.holds(MEMBER_SCOPES, Set.of(), List.of(MEMBER, NOTHING)));
        assertFalse(GrantRule.holds(MEMBER_SCOPES, Set.of(), List.of(MEMBER, ADMIN)));
        assertFalse(GrantRule.holds(MEMBER_SCOPES, Set.of(), List.of(BILLER)), "the API scope is not carried");
        assertTrue(GrantRule.holds(MEMBER_SCOPES, Set.of("scope-write-invoices"), List.of(BILLER)));
    }

    @Test
    void rolesWhollyHeldAndRolesWithoutScopesMayBeGranted() {
        assertDoesNotThrow(() -> GrantRule.requireHeld(TokenKind.ORGANIZATION, MEMBER_SCOPES,
                GrantRuleTest::neverAsked, List.of(MEMBER, NOTHING), "f"));
    }

    @Test
    void aManagementTokenIsNotLimited() {
        assertDoesNotThrow(() -> GrantRule.requireHeld(TokenKind.MANAGEMENT, Set.of("all"), GrantRuleTest::neverAsked,
                List.of(ADMIN, BILLER), "f"));
    }

    @Test
    void anyOtherTokenKindIsLimitedToWhatItHolds() {
        assertThrows(ProblemException.class, () -> GrantRule.requireHeld(TokenKind.USER, Set.of(), Set::of, List.of(MEMBER), "f"));
    }

    @Test
    void aRoleCarryingAnApiResourceScopeNoneOfTheCallersRolesCarriesIsRefused() {
        // The organization token lists organization scopes only; the API permissions come with the roles.
        ProblemException e = assertThrows(ProblemException.class, () -> GrantRule.requireHeld(
                TokenKind.ORGANIZATION, MEMBER_SCOPES, () -> Set.of("scope-read-invoices"), List.of(BILLER), "roles"));
        assertEquals(HttpStatus.FORBIDDEN, e.status());
        assertTrue(e.getMessage().contains("role Biller") && e.getMessage().contains("1 API resource scope"),
                e.getMessage());
        assertDoesNotThrow(() -> GrantRule.requireHeld(TokenKind.ORGANIZATION, MEMBER_SCOPES,
                () -> Set.of("scope-read-invoices", "scope-write-invoices"), List.of(BILLER), "roles"));
    }

    /** The caller's roles are read only when a granted role carries API resource scopes (and never for management). */
    private static Set<String> neverAsked() {
        throw new AssertionError("the caller's resource scopes were read though no role to grant carries any");
    }
}
