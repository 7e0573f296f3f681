package io.documind.org.identity;

import io.documind.kit.jdbc.Sql;
import io.documind.org.authority.AuthorityVersions;
import jakarta.inject.Singleton;

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

    private static final String SELECT = """
            SELECT u.id, u.email, u.name, u.password_hash, u.suspended, u.email_verified, u.created_at, u.updated_at, %s AS version
            FROM app_user u WHERE %s""";

    private final Sql sql;

    public UserAuthorities(Sql sql) {
        this.sql = sql;
    }

    public Optional<UserAuthority> byEmail(String email) {
        return select("lower(u.email) = lower(?)", email);
    }

    public Optional<UserAuthority> byId(String id) {
        return select("u.id = ?", id);
    }

    private Optional<UserAuthority> select(String where, String value) {
        return sql.one(SELECT.formatted(AuthorityVersions.subjectVersion("u.id"), where),
                rs -> new UserAuthority(new User(rs.getString("id"), rs.getString("email"), rs.getString("name"),
                        rs.getString("password_hash"), rs.getBoolean("suspended"), rs.getBoolean("email_verified"),
                        Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "updated_at")), rs.getLong("version")),
                value);
    }
}
