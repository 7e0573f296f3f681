-- Addresses an account signed in from (LoginThrottle): they stay open to the account's owner when strangers
-- have spent the account's guessing budget from elsewhere.
CREATE TABLE login_trusted_address (
    account       TEXT        NOT NULL,
    address       TEXT        NOT NULL,
    trusted_until TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account, address)
);
CREATE INDEX login_trusted_address_until ON login_trusted_address (trusted_until);
