-- Authority floors (issue 11): the newest authority version this service has learned from org-service's events.
-- A token whose version is below the floor that covers it was issued before its authority shrank, and is refused.
--   (subject, '')  the subject's own authority: UserDeleted, UserSuspended, PasswordChanged, ApplicationDeleted,
--                  ApplicationSecretRotated; compared with the token's authority_version
--   (subject, org) one membership: MembershipRemoved, MemberRolesChanged; compared with organization_authority_version
--   ('', org)      a deleted organization: version is bigint's maximum, so every token for it is below
-- Rows older than the longest token lifetime are forgotten: every token they could refuse has expired.
CREATE TABLE authority_floor (
    subject         TEXT        NOT NULL,
    organization_id TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    cause           TEXT        NOT NULL,
    learned_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, organization_id),
    CHECK (subject <> '' OR organization_id <> '')
);

CREATE INDEX authority_floor_learned_at ON authority_floor (learned_at);

-- Every instance of the service LISTENs: the instance that applied the event (it owns the partition) is not the
-- only one that serves requests. The row travels in the notification, which is delivered only on commit.
CREATE FUNCTION authority_floor_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('authority_floor', json_build_object(
            'subject', NEW.subject, 'organizationId', NEW.organization_id, 'version', NEW.version,
            'cause', NEW.cause, 'learnedAt', floor(extract(epoch FROM NEW.learned_at) * 1000)::bigint)::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER authority_floor_raised
    AFTER INSERT OR UPDATE ON authority_floor
    FOR EACH ROW EXECUTE FUNCTION authority_floor_notify();
