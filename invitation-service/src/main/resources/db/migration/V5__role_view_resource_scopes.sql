-- The API resource scope ids each template role carries (OrganizationTemplateChanged sends them since org-service's
-- template announcement version 2): "grant only what you hold" weighs them beside the organization scopes.
ALTER TABLE role_view ADD COLUMN resource_scopes TEXT[] NOT NULL DEFAULT '{}';
