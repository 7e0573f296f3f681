-- The newest (user, organization) version org-service has announced to the other services in the member's
-- MembershipRemoved or MemberRolesChanged, written with the event (AnnouncedMemberVersions). The version itself can be
-- higher: an announcement whose member was removed meanwhile raises it with no event. An invitation acceptance that
-- invitation-service made before applying an announced version is refused (InvitationAcceptanceRefused). 0: nothing
-- announced since this column exists; events from before it are not compared, as invitation-service's record of
-- what it applied starts empty with them.
ALTER TABLE organization_authority_version ADD COLUMN announced BIGINT NOT NULL DEFAULT 0;
