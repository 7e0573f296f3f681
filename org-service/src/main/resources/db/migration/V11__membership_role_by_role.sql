-- A template edit finds a role's holders (RoleHolders, TemplateService) and a role's deletion cascades to its grants
-- by role_id alone; the primary key leads with organization_id, so each read every membership's roles while holding
-- the role's lock, and every new membership with that role waited.
CREATE INDEX membership_role_role ON membership_role (role_id);
