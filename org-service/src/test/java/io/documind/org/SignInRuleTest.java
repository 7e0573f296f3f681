package io.documind.org;

import io.documind.org.identity.User;
import io.documind.org.identity.UserAuthorities.UserAuthority;
import io.documind.org.token.SignInRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a sign-in (a refresh token's family) may still give tokens. */
class SignInRuleTest {

    private static UserAuthority user(boolean suspended, long version) {
        Instant now = Instant.now();
        return new UserAuthority(new User("u1", "a@example.com", "A", "hash", suspended, false, now, now), version);
    }

    @Test
    void aSignInGoesOnWhileItsUserIsUnchanged() {
        assertTrue(SignInRule.refusal(user(false, 3), 3).isEmpty());
    }

    @Test
    void aSignInEndsWithItsUsersDeletionSuspensionOrAnyGrowthOfItsVersion() {
        assertEquals("user no longer exists", SignInRule.refusal(null, 1).orElseThrow());
        assertEquals("the account is suspended", SignInRule.refusal(user(true, 1), 1).orElseThrow());
        assertTrue(SignInRule.refusal(user(false, 2), 1).orElseThrow().contains("sign in again"));
        assertTrue(SignInRule.refusal(user(true, 5), 2).isPresent(), "suspended and outgrown");
    }
}
