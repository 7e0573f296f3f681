-- Whether an application may have a management token (the whole Management API, every organization). Until now
-- every application could, including one made for machine-to-machine work inside one organization or for one API:
-- whoever held its credentials could manage every organization. Now only applications given it do (Logto gives it
-- only through an explicitly assigned Management API role).
ALTER TABLE application ADD COLUMN management_access BOOLEAN NOT NULL DEFAULT false;

-- Existing applications that belong to no organization and hold no global role for an API resource were
-- registered as Management API clients (the only use left for them): they keep it. An application of an
-- organization, or one given an API's roles, loses it; register a separate management application for that work.
UPDATE application SET management_access = true
WHERE id NOT IN (SELECT application_id FROM organization_application)
  AND id NOT IN (SELECT application_id FROM application_role);
