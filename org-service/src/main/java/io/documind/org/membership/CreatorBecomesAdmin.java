package io.documind.org.membership;

import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.org.organization.CreatorAdmission;
import io.documind.org.template.OrganizationRole;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** OrganizationCreated → its creator becomes an Admin member (DESIGN §5). */
@Singleton
public class CreatorBecomesAdmin implements EventHandler<OrganizationCreated> {

    private final MembershipService memberships;
    private final CreatorAdmission admission;

    public CreatorBecomesAdmin(MembershipService memberships, CreatorAdmission admission) {
        this.memberships = memberships;
        this.admission = admission;
    }

    @Override
    public void handle(OrganizationCreated event, EventMetadata metadata) {
        if (event.createdBy() == null) {
            return; // created by a machine: nobody to make Admin
        }
        memberships.addMember(UUID.fromString(event.organizationId()), event.createdBy().userId(),
                event.createdBy().email(), List.of(), List.of(OrganizationRole.ADMIN_ID), MembershipSource.CREATOR);
        admission.admitted(UUID.fromString(event.organizationId()));
    }
}
