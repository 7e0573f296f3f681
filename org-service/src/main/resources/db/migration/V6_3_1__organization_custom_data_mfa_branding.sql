-- Logto's organization fields (issue 13 point 6): customData (a JSON object, size-capped by the API),
-- isMfaRequired (stored; enforced once MFA exists) and branding's two logo URLs.
ALTER TABLE organization
    ADD COLUMN custom_data     JSONB   NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_data) = 'object'),
    ADD COLUMN is_mfa_required BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN logo_url        TEXT CHECK (length(logo_url) <= 2048),
    ADD COLUMN dark_logo_url   TEXT CHECK (length(dark_logo_url) <= 2048);
