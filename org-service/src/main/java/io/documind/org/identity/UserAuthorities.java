package io.documind.org.identity;

import io.documind.org.authority.AuthorityVersions;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * Users as tokens are built from them: the row with the user's authority version, read in one statement so the
 * version is never newer than the state it vouches for (see {@link AuthorityVersions}).
 */
@Singleton
public class UserAuthorities {

    /** The user and its subject authority version at the same instant. */
    public record UserAuthority(User user, long version) {
    }

    /** A user's row with its version, as {@link UserRepository} reads them together. */
    @Introspected
    public record Row(String id, String email, String name, @Nullable String passwordHash, boolean suspended,
                      boolean emailVerified, Instant createdAt, Instant updatedAt, long version) {

        UserAuthority authority() {
            return new UserAuthority(new User(id, email, name, passwordHash, suspended, emailVerified, createdAt,
                    updatedAt), version);
        }
    }

    private final UserRepository users;

    public UserAuthorities(UserRepository users) {
        this.users = users;
    }

    /** The user with this email (as {@link EmailAddresses#same}, like {@link UserService#findByEmail}), if any. */
    public Optional<UserAuthority> byEmail(String email) {
        return EmailAddresses.find(email, users::authorityByEmail, Row::email).map(Row::authority);
    }

    public Optional<UserAuthority> byId(String id) {
        return users.authorityById(id).map(Row::authority);
    }
}
