package io.documind.org.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Unit: no server, no database; Argon2 runs for real. */
class PasswordsTest {

    private final PasswordHashing hashing = new PasswordHashing(1, 4);
    private final Passwords passwords = new Passwords(hashing);

    @AfterEach
    void stop() {
        hashing.close();
    }

    /** An unknown account must cost what a wrong password costs: the decoy is hashed with the very same parameters. */
    @Test
    void theDecoyForUnknownAccountsCostsWhatARealHashCosts() {
        String real = passwords.hash("correct horse battery staple");
        assertEquals(parameters(real), parameters(Passwords.DECOY));
        assertTrue(passwords.matches("correct horse battery staple", real));
    }

    @Test
    void noPasswordMatchesAnAccountThatDoesNotExist() {
        assertFalse(passwords.matches("decoy-password-never-matches", null));
        assertFalse(passwords.matches("", null));
    }

    /** {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash} without the salt and hash. */
    private static String parameters(String phc) {
        String[] parts = phc.split("\\$");
        return String.join("$", parts[1], parts[2], parts[3]);
    }
}
