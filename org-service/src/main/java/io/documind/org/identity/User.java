package io.documind.org.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A person who signs in. {@code passwordHash} is an Argon2id PHC string; null for users without a password. */
@MappedEntity("app_user")
public record User(@Id String id,
                   String email,
                   String name,
                   @Nullable String passwordHash,
                   Instant createdAt,
                   Instant updatedAt) {

    public User withProfile(String newEmail, String newName, Instant now) {
        return new User(id, newEmail, newName, passwordHash, createdAt, now);
    }

    public User withPasswordHash(String hash, Instant now) {
        return new User(id, email, name, hash, createdAt, now);
    }
}
