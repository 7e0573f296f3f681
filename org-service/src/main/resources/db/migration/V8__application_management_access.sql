-- Whether an application may have a management token (the whole Management API, every organization). Until now
-- every application could, including one made for machine-to-machine work inside one organization: whoever held
-- that organization's app credentials could manage every organization. Now only applications given it do (Logto
-- gives it only through an explicitly assigned Management API role).
ALTER TABLE application ADD COLUMN management_access BOOLEAN NOT NULL DEFAULT false;

-- Existing applications that belong to no organization were registered as Management API clients (the only use
-- there was before applications could join organizations): they keep it. An application of an organization loses
-- it; give it back by registering a separate management application.
UPDATE application SET management_access = true
WHERE id NOT IN (SELECT application_id FROM organization_application);
