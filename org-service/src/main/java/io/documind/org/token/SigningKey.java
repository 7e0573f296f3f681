package io.documind.org.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A signing key kept in the database (the private JWK sealed by {@link SigningKeyWrapping}); see {@link KeyRing}. */
@MappedEntity("signing_key")
public record SigningKey(@Id String kid, String privateJwk, String publicJwk, Instant notBefore,
                         @Nullable Instant retiredAt) {
}
