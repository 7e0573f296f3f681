package io.documind.org.token;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens: opaque, stored as hashes, rotated on every use. A family is one sign-in; presenting a
 * token that was already rotated means it leaked (or a client misbehaves), so the whole family is revoked, unless
 * it comes within {@code documind.token.refresh-reuse-window} of its rotation (see {@link #rotate}).
 */
@Singleton
public class RefreshTokens {

    public sealed interface Rotation permits Rotated, Rejected {
    }

    /**
     * The presented token was valid and is now used up. {@code authorityVersion} is its user's version when the
     * sign-in began; the caller refuses it once the user's version has grown.
     */
    public record Rotated(String userId, String clientId, List<String> scopes, UUID familyId, long authorityVersion)
            implements Rotation {
    }

    public record Rejected(String reason) implements Rotation {
    }

    private final RefreshTokenRepository tokens;
    private final TokenSettings settings;

    public RefreshTokens(RefreshTokenRepository tokens, TokenSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    /**
     * Issues a token of the given family (a new family for a new sign-in) for the user at this authority version;
     * runs in the caller's transaction.
     */
    public String issue(String userId, String clientId, List<String> scopes, UUID familyId, long authorityVersion) {
        String token = Secrets.generate();
        tokens.save(new RefreshToken(Secrets.hash(token), familyId, userId, clientId, String.join(" ", scopes),
                Instant.now().plus(settings.getRefreshTokenLifetime()), null, null, authorityVersion));
        return token;
    }

    /**
     * Uses a token up. Runs in the caller's transaction; on reuse the family is revoked, and the caller must
     * commit that even though it answers with an error.
     *
     * <p>Overlap: a token rotated less than the reuse window ago (default 30 s, by the database's clock) is answered
     * as if it were still fresh, because two requests of one client racing with the same token (a user token and an
     * organization token fetched in parallel) are not a leak. The caller then issues a new sibling in the same
     * family: the first successor cannot be handed out again, as only hashes are stored. This is safe because the
     * sibling carries nothing the successor did not (same user, client, scopes, family and authority version, so
     * a password change or suspension still ends it), the window is short and counted from the first rotation
     * (presenting the token again does not extend it), and a reuse after the window still revokes the whole
     * family, siblings included.
     */
    public Rotation rotate(String presented) {
        String hash = Secrets.hash(presented);
        Optional<RefreshTokenRepository.Presented> found =
                tokens.findForRotation(hash, settings.getRefreshReuseWindow().toMillis());
        if (found.isEmpty()) {
            return new Rejected("unknown refresh token");
        }
        RefreshTokenRepository.Presented token = found.get();
        if (token.revokedAt() != null) {
            return new Rejected("refresh token revoked");
        }
        if (token.usedAt() != null && !token.withinReuseWindow()) {
            revokeFamily(token.familyId());
            return new Rejected("refresh token already used; its sign-in is revoked");
        }
        if (token.expiresAt().isBefore(Instant.now())) {
            return new Rejected("refresh token expired");
        }
        if (token.usedAt() == null) {
            tokens.markUsed(hash);
        }
        return new Rotated(token.userId(), token.clientId(),
                token.scopes().isBlank() ? List.of() : Arrays.asList(token.scopes().split(" ")), token.familyId(),
                token.authorityVersion());
    }

    /** Ends a whole sign-in, e.g. one its user's authority outgrew; runs in the caller's transaction. */
    public void revokeFamily(UUID familyId) {
        tokens.revokeFamily(familyId);
    }

    /** Revokes the sign-in the token belongs to (RFC 7009); unknown tokens are ignored. */
    public void revoke(String presented) {
        tokens.revokeFamilyOf(Secrets.hash(presented));
    }
}
