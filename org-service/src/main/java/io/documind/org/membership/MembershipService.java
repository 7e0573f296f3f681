package io.documind.org.membership;

import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipSource;
import io.documind.kit.outbox.Outbox;
import io.documind.org.organization.OrganizationRepository;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

@Singleton
public class MembershipService {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipService.class);

    private final MembershipRepository memberships;
    private final OrganizationRepository organizations;
    private final Outbox outbox;

    public MembershipService(MembershipRepository memberships, OrganizationRepository organizations, Outbox outbox) {
        this.memberships = memberships;
        this.organizations = organizations;
        this.outbox = outbox;
    }

    /**
     * Makes the user a member with the given roles and records MembershipCreated. Adding an existing member
     * only grants the roles it lacks and emits nothing new.
     */
    @Transactional
    public void addMember(UUID organizationId, String userId, String email, List<String> roles, MembershipSource source) {
        if (!organizations.existsById(organizationId)) {
            // Deleted before this event was applied: nothing to join.
            LOG.info("Organization {} is gone; {} not added", organizationId, userId);
            return;
        }
        boolean created = memberships.insert(organizationId, userId, email);
        memberships.grantRoles(organizationId, userId, roles);
        if (created) {
            outbox.append(new MembershipCreated(organizationId.toString(), userId, email, List.copyOf(roles), source));
        }
    }

    @Transactional
    public List<Member> members(UUID organizationId) {
        return memberships.members(organizationId);
    }

    @Transactional
    public boolean isMember(UUID organizationId, String userId) {
        return memberships.isMember(organizationId, userId);
    }
}
