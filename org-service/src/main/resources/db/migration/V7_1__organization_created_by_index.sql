-- Issue 16 (abuse limits): the cap on organizations a user created that still exist counts them at each creation.
CREATE INDEX organization_created_by ON organization (created_by);
