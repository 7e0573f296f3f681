package io.documind.org.authority;

import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.kit.outbox.AppendedEventEffect;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Objects;

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
        List<Announced> announced = events.stream().map(AnnouncedMemberVersions::announcedBy).filter(Objects::nonNull)
                .toList();
        if (!announced.isEmpty()) {
            repository.announceAll(announced.stream().map(Announced::userId).toArray(String[]::new),
                    announced.stream().map(Announced::organizationId).toArray(String[]::new),
                    announced.stream().map(Announced::version).toArray(Long[]::new));
        }
    }

    /** A member's version as its event announces it. */
    private record Announced(String userId, String organizationId, Long version) {
    }

    @Nullable
    private static Announced announcedBy(DomainEvent event) {
        return switch (event) {
            case MembershipRemoved e -> new Announced(e.userId(), e.organizationId(), e.authorityVersion());
            case MemberRolesChanged e -> new Announced(e.userId(), e.organizationId(), e.authorityVersion());
            default -> null;
        };
    }
}
