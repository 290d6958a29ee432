-- Throttling (rate limits and login back-off), photo moderation, expiry of Open311 idempotency
-- answers. State lives here rather than in memory so several backend instances share it.
-- Append-only once on main.

-- Fixed-window request counters: one row per (scope, key, window). Each request is one atomic
-- INSERT … ON CONFLICT DO UPDATE … RETURNING hits; windows that ended are purged by a job.
CREATE TABLE rate_counter (
    scope        text        NOT NULL,
    key          text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL CHECK (hits > 0),
    PRIMARY KEY (scope, key, window_start)
);
CREATE INDEX rate_counter_window_idx ON rate_counter (window_start);

-- Failed sign-ins per (username, client address): never a lock-out of the account, only a growing
-- pause for that one pair. Deleted on success; forgotten after a quiet period by the purge job.
CREATE TABLE login_failure (
    username      text        NOT NULL,
    address       text        NOT NULL,
    failures      integer     NOT NULL CHECK (failures > 0),
    last_failure  timestamptz NOT NULL,
    blocked_until timestamptz,
    PRIMARY KEY (username, address)
);
CREATE INDEX login_failure_last_idx ON login_failure (last_failure);

-- A supervisor's decision on a citizen photo (by content hash). No row = pending. Only APPROVED
-- photos are ever served to the public, and only in the EXIF-stripped public variant.
CREATE TABLE photo_moderation (
    sha256     char(64)    PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    decision   text        NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED')),
    reason     text,
    decided_by text        NOT NULL,
    decided_at timestamptz NOT NULL
);

-- Idempotency answers expire (brujula.open311.idempotency-ttl); the purge job finds old ones here.
CREATE INDEX open311_idempotency_created_idx ON open311_idempotency (created_at);
