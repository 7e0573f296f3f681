package io.documind.org.identity;

import jakarta.inject.Singleton;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id hashing (OWASP's minimum profile: 19 MiB, 2 iterations, 1 lane) through a well-kept library, on the
 * {@link PasswordHashing} pool rather than the request's thread.
 */
@Singleton
public class Passwords {

    /**
     * Checked against when the account does not exist, so a miss costs as much time as a wrong password. A fixed
     * hash of a random password nobody kept, with {@link #encoder}'s parameters (a test holds them equal): hashing
     * one at start cost 20 MB of heap that stayed resident, since Argon2's blocks outlive the young generation,
     * and 50 ms of CPU. The caller refuses a missing account whatever this returns.
     */
    static final String DECOY = "$argon2id$v=19$m=19456,t=2,p=1$ELqwanopfDt4dsLfMYSx0g$"
            + "wHEgrW09Qn8xi8wy16yUVtwdByw7CoqOQLNIVKn8ih0";

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final PasswordHashing hashing;

    public Passwords(PasswordHashing hashing) {
        this.hashing = hashing;
    }

    public String hash(String password) {
        return hashing.run(() -> encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        return hashing.run(() -> encoder.matches(password, hash == null ? DECOY : hash));
    }
}
