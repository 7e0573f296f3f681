package io.documind.org.authority;

import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.kit.outbox.AppendedEventEffect;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Records, with each member's MembershipRemoved or MemberRolesChanged the outbox appends, that its version was
 * announced ({@link AuthorityVersions#announced}). The version alone cannot say so: an announcement whose member was
 * removed meanwhile raises it with no event, and no other service ever hears that number. An invitation acceptance
 * is judged against what the other services could have heard ({@code InvitationAcceptedMakesMember}).
 */
@Singleton
class AnnouncedMemberVersions implements AppendedEventEffect {

    private final AuthorityVersionRepository repository;

    AnnouncedMemberVersions(AuthorityVersionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void apply(DomainEvent event) {
        applyAll(List.of(event));
    }

    /** One statement for all the members' events of a batch (a template edit announces them 500 at a time). */
    @Override
    public void applyAll(List<? extends DomainEvent> events) {
        List<String> subjects = new ArrayList<>();
        List<String> organizations = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        for (DomainEvent event : events) {
            if (event instanceof MembershipRemoved removed) {
                subjects.add(removed.userId());
                organizations.add(removed.organizationId());
                versions.add(removed.authorityVersion());
            } else if (event instanceof MemberRolesChanged changed) {
                subjects.add(changed.userId());
                organizations.add(changed.organizationId());
                versions.add(changed.authorityVersion());
            }
        }
        if (!subjects.isEmpty()) {
            repository.announceAll(subjects.toArray(String[]::new), organizations.toArray(String[]::new),
                    versions.toArray(Long[]::new));
        }
    }
}
