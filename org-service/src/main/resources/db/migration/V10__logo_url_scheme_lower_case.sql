-- Logo URLs stored before their scheme was lower-cased (HTTPS://...): the event schemas' "^https?://" refuses them,
-- so every OrganizationUpdated that carried one became a dead letter. Only the scheme changes.
UPDATE organization SET logo_url = lower(substring(logo_url FROM '^[A-Za-z]+')) || substring(logo_url FROM '^[A-Za-z]+(.*)$')
WHERE logo_url ~* '^https?://' AND logo_url !~ '^https?://';
UPDATE organization SET dark_logo_url = lower(substring(dark_logo_url FROM '^[A-Za-z]+'))
        || substring(dark_logo_url FROM '^[A-Za-z]+(.*)$')
WHERE dark_logo_url ~* '^https?://' AND dark_logo_url !~ '^https?://';
