package io.documind.org.identity;

import jakarta.inject.Singleton;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id hashing (OWASP's minimum profile: 19 MiB, 2 iterations, 1 lane) through a well-kept library, on the
 * {@link PasswordHashing} pool rather than the request's thread.
 */
@Singleton
public class Passwords {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /** Checked against when the account does not exist, so a miss costs as much time as a wrong password. */
    private final String decoy = encoder.encode("decoy-password-never-matches");
    private final PasswordHashing hashing;

    public Passwords(PasswordHashing hashing) {
        this.hashing = hashing;
    }

    public String hash(String password) {
        return hashing.run(() -> encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        return hashing.run(() -> encoder.matches(password, hash == null ? decoy : hash));
    }
}
