-- Which shape of OrganizationTemplateChanged the services last heard. Version 2 added each role's API resource
-- scopes; on the first start after this migration one instance announces the whole template again, so the other
-- services learn the resource scopes without waiting for someone to edit the template.
CREATE TABLE template_announcement (
    version INT NOT NULL
);
INSERT INTO template_announcement (version) VALUES (1);
