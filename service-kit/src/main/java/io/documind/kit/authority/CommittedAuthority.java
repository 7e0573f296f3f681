package io.documind.kit.authority;

import io.documind.kit.security.AccessToken;
import io.documind.kit.security.InvalidTokenException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * The authority check once more, against the floors committed in the database now, for a write that passes its
 * token's authority on (an invitation its inviter vouches for). The request's check ran on this instance's memory
 * before the write took its locks; a revocation that committed while the write waited for them had its floor
 * committed first ({@link FloorEvents} run in their own transaction before their event's effects), so it is seen
 * here even before this instance's {@link FloorListener} learns it.
 */
@Singleton
public class CommittedAuthority {

    private final FloorStore store;
    private final boolean enabled;

    public CommittedAuthority(FloorStore store, AuthoritySettings settings) {
        this.store = store;
        this.enabled = settings.isCheckEnabled();
    }

    /**
     * Refuses the token (401 {@code invalid_token}) when a committed floor is above its versions; the arguments
     * are those of {@link AccessToken}.
     */
    public void require(String subject, @Nullable String organizationId, @Nullable Long authorityVersion,
                        @Nullable Long organizationAuthorityVersion) {
        if (!enabled) {
            return;
        }
        Map<Floor.Key, Floor> floors = new HashMap<>();
        for (Floor floor : store.covering(subject, organizationId == null ? Floor.ANY : organizationId)) {
            floors.put(floor.key(), floor);
        }
        AuthorityFloors.judge(floors::get, subject, organizationId, authorityVersion, organizationAuthorityVersion)
                .ifPresent(reason -> {
                    throw new InvalidTokenException(reason);
                });
    }

    /** {@link #require(String, String, Long, Long)} for the caller's token. */
    public void require(AccessToken token) {
        require(token.subject(), token.organizationId(), token.authorityVersion(),
                token.organizationAuthorityVersion());
    }
}
