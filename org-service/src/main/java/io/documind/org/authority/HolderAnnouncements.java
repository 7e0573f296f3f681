package io.documind.org.authority;

import io.documind.contracts.events.DomainEvent;
import io.documind.kit.outbox.Outbox;
import io.documind.org.authority.AuthorityVersions.InOrganization;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Announces many holders at once (members or applications, each in one organization), as an edit that changes what
 * a role means must: every holder's version raised in one statement, then their events read and appended
 * {@value #BATCH} at a time. A template edit's holders span every organization, and the edit's transaction holds its
 * locks until all are written: one round trip per statement per holder made that 6-8 s for 5,000 members
 * ({@code ./dev bench announcements}). Runs in the caller's transaction.
 */
@Singleton
public class HolderAnnouncements {

    /** Holders read and appended per batch: bounds the memory one batch takes. */
    public static final int BATCH = 500;

    /**
     * The events of one batch of holders, given their raised versions. A holder gone since is left out; its version
     * was raised all the same, as a single announcement's is, which refuses nothing that was not refused already.
     */
    @FunctionalInterface
    public interface Events {
        List<? extends DomainEvent> of(List<InOrganization> batch, Map<InOrganization, Long> raised);
    }

    private final AuthorityVersions versions;
    private final Outbox outbox;

    public HolderAnnouncements(AuthorityVersions versions, Outbox outbox) {
        this.versions = versions;
        this.outbox = outbox;
    }

    public void announce(List<InOrganization> holders, Events events) {
        List<InOrganization> distinct = holders.stream().distinct().toList();
        // All raised before any is read, as a single announcement raises before it reads (MemberAnnouncements).
        Map<InOrganization, Long> raised = versions.raise(distinct);
        for (int from = 0; from < distinct.size(); from += BATCH) {
            outbox.appendAll(events.of(distinct.subList(from, Math.min(from + BATCH, distinct.size())), raised));
        }
    }
}
