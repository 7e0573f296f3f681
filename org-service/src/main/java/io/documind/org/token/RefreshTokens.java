package io.documind.org.token;

import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens: opaque ({@code <family>.<secret>}, the secret stored as a hash), rotated on every use, pruned
 * once spent ({@link RefreshTokenPruning}). A family is one sign-in; presenting a
 * token that was already rotated means it leaked (or a client misbehaves), so the whole family is revoked, unless
 * it comes within {@code documind.token.refresh-reuse-window} of its rotation (see {@link #rotate}).
 */
@Singleton
public class RefreshTokens {

    public sealed interface Rotation permits Rotated, Rejected {
    }

    /**
     * The presented token was valid and is now used up; {@code next} is its successor, already stored in the
     * caller's transaction. {@code authorityVersion} is its user's version when the sign-in began; the caller
     * refuses it once the user's version has grown (and then revokes the family, successor included).
     */
    public record Rotated(String userId, String clientId, List<String> scopes, UUID familyId, long authorityVersion,
                          String next) implements Rotation {
    }

    public record Rejected(String reason) implements Rotation {
    }

    private static final Base64.Encoder FAMILY_ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** A family id takes 22 base64url characters; the token is {@code <family>.<secret>}. */
    private static final int FAMILY_LENGTH = 22;

    private final RefreshTokenRepository tokens;
    private final RefreshTokenRotation rotation;
    private final TokenSettings settings;

    public RefreshTokens(RefreshTokenRepository tokens, RefreshTokenRotation rotation, TokenSettings settings) {
        this.tokens = tokens;
        this.rotation = rotation;
        this.settings = settings;
    }

    /**
     * Issues a token of the given family (a new family for a new sign-in) for the user at this authority version;
     * runs in the caller's transaction.
     */
    public String issue(String userId, String clientId, List<String> scopes, UUID familyId, long authorityVersion) {
        String secret = Secrets.generate();
        tokens.save(new RefreshToken(Secrets.hash(secret), familyId, userId, clientId, String.join(" ", scopes),
                Instant.now().plus(settings.getRefreshTokenLifetime()), null, null, authorityVersion));
        return named(familyId, secret);
    }

    /**
     * Uses a token up and stores its successor, in one statement. Runs in the caller's transaction; on reuse the
     * family is revoked, and the caller must commit that even though it answers with an error.
     *
     * <p>Overlap: a token rotated less than the reuse window ago (default 30 s, by the database's clock) is answered
     * as if it were still fresh, because two requests of one client racing with the same token (a user token and an
     * organization token fetched in parallel) are not a leak. The caller then gets a new sibling in the same
     * family: the first successor cannot be handed out again, as only hashes are stored. This is safe because the
     * sibling carries nothing the successor did not (same user, client, scopes, family and authority version, so
     * a password change or suspension still ends it), the window is short and counted from the first rotation
     * (presenting the token again does not extend it), and a reuse after the window still revokes the whole
     * family, siblings included. Only one chain lives on: the first refresh of any token of the family ends its
     * unused siblings, whose next use, even within the window, is reuse (see {@link RefreshTokenRotation}). So a
     * client keeps one copy of its refresh token: of parallel refreshes' answers it keeps one, and it does not
     * refresh again while an answer to a parallel refresh is still to come.
     *
     * <p>Pruned tokens: rotated rows are deleted once out of the window ({@link RefreshTokenPruning}), so a token
     * whose hash is unknown but whose family prefix names a family that still has unrevoked tokens was one of its
     * rotated tokens: that is reuse, and the family is revoked. Naming a family takes a token of it (the id is
     * random and appears nowhere else), and whoever holds one could revoke the family by reusing it anyway.
     */
    public Rotation rotate(String presented) {
        String next = Secrets.generate();
        String hash = hashOf(presented);
        Optional<RefreshTokenRotation.Presented> found = rotation.rotate(familyOf(presented).orElse(null), hash,
                settings.getRefreshReuseWindow().toMillis(), Secrets.hash(next),
                Instant.now().plus(settings.getRefreshTokenLifetime()));
        if (found.isEmpty()) {
            return familyOf(presented).filter(tokens::familyLives).<Rotation>map(family -> {
                revokeFamily(family);
                return new Rejected("refresh token already used; its sign-in is revoked");
            }).orElseGet(() -> new Rejected("unknown refresh token"));
        }
        RefreshTokenRotation.Presented token = found.get();
        if (token.revokedAt() != null) {
            return new Rejected("refresh token revoked");
        }
        if (token.usedAt() != null && !token.withinReuseWindow()) {
            revokeFamily(token.familyId());
            return new Rejected("refresh token already used; its sign-in is revoked");
        }
        if (!token.expiresAt().isAfter(Instant.now())) {
            return new Rejected("refresh token expired");
        }
        return new Rotated(token.userId(), token.clientId(),
                token.scopes().isBlank() ? List.of() : Arrays.asList(token.scopes().split(" ")), token.familyId(),
                token.authorityVersion(), named(token.familyId(), next));
    }

    /**
     * Ends a whole sign-in, e.g. one its user's authority outgrew; runs in the caller's transaction.
     *
     * <p>Repeated until a pass finds nothing left to revoke, because one UPDATE cannot see a successor that a
     * rotation running at the same time has inserted but not committed: the UPDATE waits on the rotation's lock of
     * the presented token, then revokes that token only, and the successor would live on (a logout racing a
     * background refresh). Each pass runs under a new snapshot (READ COMMITTED), so it sees the successors of the
     * rotations the previous pass waited for, and it keeps every token it revoked locked until this transaction
     * ends, so a rotation that starts later finds its token revoked. A pass that revokes nothing means every
     * committed token of the sign-in is revoked and no rotation of it is still in flight.
     */
    public void revokeFamily(UUID familyId) {
        while (tokens.revokeFamily(familyId) > 0) {
            // a rotation may have committed a successor while this pass waited for it
        }
    }

    /** Revokes the sign-in the token belongs to (RFC 7009); unknown tokens are ignored. */
    public void revoke(String presented) {
        tokens.findFamilyIdByTokenHash(hashOf(presented)).ifPresent(this::revokeFamily);
    }

    /**
     * {@code <family>.<secret>}: only the secret is hashed and stored; the family lets a pruned rotated token still
     * be recognised (see {@link #rotate}).
     */
    private static String named(UUID familyId, String secret) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(familyId.getMostSignificantBits())
                .putLong(familyId.getLeastSignificantBits());
        return FAMILY_ENCODER.encodeToString(bytes.array()) + "." + secret;
    }

    /** The stored hash of a presented token: of its secret (the whole token, if issued before families were named). */
    private static String hashOf(String presented) {
        return Secrets.hash(hasFamily(presented) ? presented.substring(FAMILY_LENGTH + 1) : presented);
    }

    private static boolean hasFamily(String presented) {
        return presented.length() > FAMILY_LENGTH + 1 && presented.charAt(FAMILY_LENGTH) == '.';
    }

    private static Optional<UUID> familyOf(String presented) {
        if (!hasFamily(presented)) {
            return Optional.empty();
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(presented.substring(0, FAMILY_LENGTH)));
            return Optional.of(new UUID(bytes.getLong(), bytes.getLong()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64url: no family of ours
        }
    }
}
