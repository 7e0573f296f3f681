package io.documind.org.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A person who signs in. {@code passwordHash} is an Argon2id PHC string; null for users without a password. A
 * suspended user gets no token of any kind until the suspension is lifted. {@code emailVerified}: the user proved
 * it receives mail at {@code email}; an email change clears it.
 */
@MappedEntity("app_user")
public record User(@Id String id,
                   String email,
                   String name,
                   @Nullable String passwordHash,
                   boolean suspended,
                   boolean emailVerified,
                   Instant createdAt,
                   Instant updatedAt) {

    /** A new address is not proved by the old one's verification. */
    public User withProfile(String newEmail, String newName, Instant now) {
        boolean verified = emailVerified && EmailAddresses.same(newEmail, email);
        return new User(id, newEmail, newName, passwordHash, suspended, verified, createdAt, now);
    }

    public User withEmailVerified(Instant now) {
        return new User(id, email, name, passwordHash, suspended, true, createdAt, now);
    }

    public User withPasswordHash(String hash, Instant now) {
        return new User(id, email, name, hash, suspended, emailVerified, createdAt, now);
    }

    public User withSuspended(boolean value, Instant now) {
        return new User(id, email, name, passwordHash, value, emailVerified, createdAt, now);
    }
}
