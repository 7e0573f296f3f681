package io.documind.org.identity;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A user as the APIs show it (Logto-shaped: {@code primaryEmail}); never the password hash.
 * {@code primaryEmailVerified}: whether the user proved {@code primaryEmail} (an emailed code or link, or an invitation).
 */
@Serdeable
public record UserResponse(String id, String primaryEmail, boolean primaryEmailVerified, String name,
                           boolean hasPassword, boolean isSuspended, Instant createdAt, Instant updatedAt) {

    public static UserResponse of(User u) {
        return new UserResponse(u.id(), u.email(), u.emailVerified(), u.name(), u.passwordHash() != null,
                u.suspended(), u.createdAt(), u.updatedAt());
    }
}
