package io.documind.kit.authority;

import io.documind.kit.security.AccessToken;
import io.documind.kit.security.InvalidTokenException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
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
    private final TransactionOperations<Connection> transactions;

    public CommittedAuthority(FloorStore store, AuthoritySettings settings,
                              TransactionOperations<Connection> transactions) {
        this.store = store;
        this.enabled = settings.isCheckEnabled();
        this.transactions = transactions;
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

    /**
     * {@link #require(AccessToken)} as the transaction in hand's last statement, before it commits (refused: it rolls
     * back), or at once without one: for a write that may wait, after its first check, on rows a revocation holds
     * until it commits (a template edit holds its roles' holders' versions). Only for a write that raises no floor
     * of the caller itself: this transaction's own floors count here too.
     */
    public void requireAtCommit(AccessToken token) {
        atCommit(() -> require(token));
    }

    /**
     * {@link #requireAtCommit} for a write that raises the caller's own version in its organization once (a change of
     * its own roles): the token counts as one organization version newer, which is what that raise alone, and no
     * one else's, allows.
     */
    public void requireAtCommitAfterOwnRaise(AccessToken token) {
        Long organizationVersion = token.organizationAuthorityVersion();
        atCommit(() -> require(token.subject(), token.organizationId(), token.authorityVersion(),
                organizationVersion == null ? null : organizationVersion + 1));
    }

    private void atCommit(Runnable check) {
        transactions.findTransactionStatus().ifPresentOrElse(
                status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        check.run();
                    }
                }),
                check);
    }
}
