package io.documind.org.identity;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, Base64 without
 * padding: the reference implementation's format, and Spring Security's, whose hashes these verify and vice versa).
 * Argon2 itself is BouncyCastle's; this class only encodes, decodes and hands it a {@link Argon2BytesGenerator.BlockPool}.
 *
 * <p>Why not Spring's {@code Argon2PasswordEncoder}, which earlier versions used: it gives BouncyCastle no block pool,
 * so every hash allocated its 19 MiB as 19,456 separate 1 KiB blocks, all alive for the hash's whole 30 ms. A
 * young generation sized for a small container (a few MB to a few tens) cannot hold them, so collections copied
 * and promoted them, then ran full: measured with two hashing threads, {@code -Xms32m -Xmx384m -XX:+UseSerialGC},
 * 27 hashes a second at 50 ms of CPU each, 5.8 of every 10 s in stop-the-world pauses. With a pool per hashing
 * thread the blocks are allocated once and reused: 65 a second at 30 ms each, 0.14 s of 10 s in collections.
 */
public final class Argon2id {

    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_IN = Base64.getDecoder(); // also reads unpadded input
    /** Upper bounds for parameters read from a stored hash: a corrupted row must not ask for a terabyte. */
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final int saltLength;
    private final int hashLength;
    private final SecureRandom random = new SecureRandom();

    public Argon2id(int memoryKiB, int iterations, int parallelism, int saltLength, int hashLength) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.saltLength = saltLength;
        this.hashLength = hashLength;
    }

    /**
     * Blocks for one hash at a time with this instance's parameters, kept between hashes. Not for sharing between
     * threads: measured, one pool shared by two hashing threads (its lock, and blocks last written by the other
     * core) cost 54 ms of CPU a hash instead of 30.
     */
    public Argon2BytesGenerator.BlockPool newBlockPool() {
        return new Argon2BytesGenerator.FixedBlockPool(Argon2BytesGenerator.getBlockCount(memoryKiB, parallelism));
    }

    /** A new PHC string for {@code password} with a fresh random salt and this instance's parameters. */
    public String hash(CharSequence password, Argon2BytesGenerator.BlockPool blocks) {
        byte[] salt = new byte[saltLength];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, hashLength, blocks);
        return PREFIX + "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$" + BASE64.encodeToString(salt)
                + "$" + BASE64.encodeToString(hash);
    }

    /**
     * Whether {@code password} hashes to {@code encoded} under the parameters written in it. A string that is not
     * an Argon2id (v=19) PHC string within sane bounds matches nothing.
     */
    public boolean matches(CharSequence password, String encoded, Argon2BytesGenerator.BlockPool blocks) {
        Stored stored = Stored.parse(encoded);
        if (stored == null) {
            return false;
        }
        byte[] actual = derive(password, stored.salt(), stored.memoryKiB(), stored.iterations(), stored.parallelism(),
                stored.hash().length, blocks);
        return MessageDigest.isEqual(actual, stored.hash());
    }

    private static byte[] derive(CharSequence password, byte[] salt, int memoryKiB, int iterations, int parallelism,
                                 int length, Argon2BytesGenerator.BlockPool blocks) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.toString().getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /** The parts of a stored PHC string. */
    private record Stored(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {

        /** {@code null} for anything but {@code $argon2id$v=19$m=<m>,t=<t>,p=<p>$<salt>$<hash>} within bounds. */
        static Stored parse(String encoded) {
            if (encoded == null || !encoded.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
            if (parts.length != 3) {
                return null;
            }
            String[] costs = parts[0].split(",", -1);
            if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=")
                    || !costs[2].startsWith("p=")) {
                return null;
            }
            try {
                int memory = Integer.parseInt(costs[0].substring(2));
                int iterations = Integer.parseInt(costs[1].substring(2));
                int parallelism = Integer.parseInt(costs[2].substring(2));
                byte[] salt = BASE64_IN.decode(parts[1]);
                byte[] hash = BASE64_IN.decode(parts[2]);
                boolean sane = parallelism >= 1 && parallelism <= MAX_PARALLELISM
                        && memory >= 8 * parallelism && memory <= MAX_MEMORY_KIB
                        && iterations >= 1 && iterations <= MAX_ITERATIONS
                        && salt.length >= 8 && hash.length >= 4;
                return sane ? new Stored(memory, iterations, parallelism, salt, hash) : null;
            } catch (IllegalArgumentException e) { // NumberFormatException, or Base64 that is not
                return null;
            }
        }
    }
}
