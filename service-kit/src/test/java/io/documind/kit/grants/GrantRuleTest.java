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

    @Test
    void aRoleWithAScopeTheCallerLacksIsRefusedNamingTheRoleAndTheMissingScopes() {
        ProblemException e = assertThrows(ProblemException.class, () -> GrantRule.requireHeld(
                TokenKind.ORGANIZATION, MEMBER_SCOPES, List.of(MEMBER, ADMIN), "organizationRoleNames"));
        assertEquals(HttpStatus.FORBIDDEN, e.status());
        assertEquals("organizationRoleNames", e.field());
        assertTrue(e.getMessage().contains("role Admin"), e.getMessage());
        assertTrue(e.getMessage().contains("(delete:organization, manage:member)"), e.getMessage());
        assertFalse(e.getMessage().contains("read:documents"), e.getMessage());
    }

    @Test
    void rolesWhollyHeldAndRolesWithoutScopesMayBeGranted() {
        assertDoesNotThrow(() -> GrantRule.requireHeld(TokenKind.ORGANIZATION, MEMBER_SCOPES,
                List.of(MEMBER, NOTHING), "f"));
    }

    @Test
    void aManagementTokenIsNotLimited() {
        assertDoesNotThrow(() -> GrantRule.requireHeld(TokenKind.MANAGEMENT, Set.of("all"), List.of(ADMIN), "f"));
    }

    @Test
    void anyOtherTokenKindIsLimitedToWhatItHolds() {
        assertThrows(ProblemException.class, () -> GrantRule.requireHeld(TokenKind.USER, Set.of(), List.of(MEMBER), "f"));
    }
}
