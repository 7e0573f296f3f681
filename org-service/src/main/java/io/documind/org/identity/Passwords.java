package io.documind.org.identity;

import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Argon2id hashing (OWASP's minimum profile: 19 MiB, 2 iterations, 1 lane; BouncyCastle's Argon2, see
 * {@link Argon2id}), on the {@link PasswordHashing} pool rather than the request's thread.
 */
@Singleton
public class Passwords {

    /**
     * Checked against when the account does not exist, so a miss costs as much time as a wrong password. A fixed
     * hash of a random password nobody kept, with {@link #argon2}'s parameters (a test holds them equal): hashing
     * one at start would make a hashing thread keep its 19 MiB of {@link #blocks} from then on (idle RSS before
     * any sign-in; measured 20 MB when it was done so) and cost 30-50 ms of CPU. The caller refuses a missing account
     * whatever this returns.
     */
    static final String DECOY = "$argon2id$v=19$m=19456,t=2,p=1$ELqwanopfDt4dsLfMYSx0g$"
            + "wHEgrW09Qn8xi8wy16yUVtwdByw7CoqOQLNIVKn8ih0";

    private final Argon2id argon2 = new Argon2id(19 * 1024, 2, 1, 16, 32);
    /**
     * Each hashing thread's 19 MiB of Argon2 blocks, kept between its hashes (why: {@link Argon2id}). Read only inside
     * tasks on {@link PasswordHashing}'s fixed pool, so there are at most as many as its threads.
     */
    private final ThreadLocal<Argon2BytesGenerator.BlockPool> blocks = ThreadLocal.withInitial(argon2::newBlockPool);
    private final PasswordHashing hashing;

    public Passwords(PasswordHashing hashing) {
        this.hashing = hashing;
    }

    public String hash(String password) {
        return hashing.run(() -> argon2.hash(password, blocks.get()));
    }

    public boolean matches(String password, String hash) {
        return hashing.run(() -> argon2.matches(password, hash == null ? DECOY : hash, blocks.get()));
    }
}
