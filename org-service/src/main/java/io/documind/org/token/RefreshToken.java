package io.documind.org.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A stored refresh token: only its hash; {@code scopes} space-separated. See {@link RefreshTokens}. */
@MappedEntity("refresh_token")
public record RefreshToken(@Id String tokenHash, UUID familyId, String userId, String clientId, String scopes,
                           Instant expiresAt, @Nullable Instant usedAt, @Nullable Instant revokedAt,
                           long authorityVersion) {
}
