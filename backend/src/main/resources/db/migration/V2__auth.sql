-- Auth: invariants and lookups the token code relies on.

-- At most one active signing key: every instance signs and verifies with the same pair.
CREATE UNIQUE INDEX signing_key_one_active_uq ON signing_key (active) WHERE active;

-- Revoking all live refresh tokens of a user (password change, disable) without a table scan.
CREATE INDEX refresh_token_user_live_idx ON refresh_token (user_id) WHERE revoked_at IS NULL;
