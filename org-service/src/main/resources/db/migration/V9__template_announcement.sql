-- The organization template's lock row, taken by every transaction that announces the template
-- (OrganizationTemplateChanged), so announcements follow one another in commit order; it also records the shape of
-- the event last announced (2: roles carry their API resource scopes).
CREATE TABLE template_announcement (
    version INT NOT NULL
);
INSERT INTO template_announcement (version) VALUES (1);
