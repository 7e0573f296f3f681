package io.documind.kit.events;

import io.documind.contracts.events.Actor;
import io.documind.contracts.events.DocumentCreated;
import io.documind.contracts.events.DocumentDeleted;
import io.documind.contracts.events.DocumentUpdated;
import io.documind.contracts.events.EmailFailed;
import io.documind.contracts.events.EmailSent;
import io.documind.contracts.events.InvitationAcceptanceRefused;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.contracts.events.InvitationCreated;
import io.documind.contracts.events.InvitationExpired;
import io.documind.contracts.events.InvitationMessageRequested;
import io.documind.contracts.events.InvitationGrantRefused;
import io.documind.contracts.events.InvitationRevoked;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.contracts.events.OrganizationBranding;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.contracts.events.OrganizationTemplateChanged;
import io.documind.contracts.events.OrganizationUpdated;
import io.documind.contracts.events.UserCreated;
import io.documind.contracts.events.UserUpdated;
import io.documind.contracts.events.UserDeleted;
import io.documind.contracts.events.UserSuspended;
import io.documind.contracts.events.PasswordChanged;
import io.documind.contracts.events.UserEmailVerified;
import io.documind.contracts.events.EmailCodeRequested;
import io.documind.contracts.events.ApplicationDeleted;
import io.documind.contracts.events.ApplicationSecretRotated;
import io.documind.contracts.events.ApplicationAddedToOrganization;
import io.documind.contracts.events.ApplicationRemovedFromOrganization;
import io.documind.contracts.events.ApplicationRolesChanged;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Makes the framework-free contract records serializable by Micronaut Serde, so shared-contracts
 * stays plain Java. A new event needs a line here; the catalog test of each service catches a miss.
 */
@SerdeImport(Actor.class)
@SerdeImport(OrganizationTemplateChanged.Role.class)
@SerdeImport(OrganizationBranding.class)
@SerdeImport(OrganizationCreated.class)
@SerdeImport(OrganizationUpdated.class)
@SerdeImport(OrganizationDeleted.class)
@SerdeImport(MembershipCreated.class)
@SerdeImport(MemberRolesChanged.class)
@SerdeImport(MembershipRemoved.class)
@SerdeImport(OrganizationTemplateChanged.class)
@SerdeImport(InvitationCreated.class)
@SerdeImport(InvitationRevoked.class)
@SerdeImport(InvitationAcceptanceRefused.class)
@SerdeImport(InvitationGrantRefused.class)
@SerdeImport(InvitationExpired.class)
@SerdeImport(InvitationMessageRequested.class)
@SerdeImport(InvitationAccepted.class)
@SerdeImport(DocumentCreated.class)
@SerdeImport(DocumentUpdated.class)
@SerdeImport(DocumentDeleted.class)
@SerdeImport(EmailSent.class)
@SerdeImport(EmailFailed.class)
@SerdeImport(UserCreated.class)
@SerdeImport(UserUpdated.class)
@SerdeImport(UserDeleted.class)
@SerdeImport(UserSuspended.class)
@SerdeImport(PasswordChanged.class)
@SerdeImport(UserEmailVerified.class)
@SerdeImport(EmailCodeRequested.class)
@SerdeImport(ApplicationDeleted.class)
@SerdeImport(ApplicationSecretRotated.class)
@SerdeImport(ApplicationAddedToOrganization.class)
@SerdeImport(ApplicationRemovedFromOrganization.class)
@SerdeImport(ApplicationRolesChanged.class)
final class ContractSerde {
    private ContractSerde() {
    }
}
