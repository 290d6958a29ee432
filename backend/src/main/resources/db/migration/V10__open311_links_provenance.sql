-- Open311 interoperability: address-only reports, external media links (FixMyStreet sends its own
-- photo URL), where each citizen photo came from, and Idempotency-Key replays that do not depend
-- on the client address. Append-only once on main.

-- A report may name its place by the jurisdiction's address id instead of a point.
ALTER TABLE citizen_report ADD COLUMN address_id text;

-- Where each photo of a report came from: inside the request (a media part), or uploaded earlier by
-- the same account (media_url of this server's attachment). Shown to moderators.
CREATE TABLE citizen_report_photo (
    observation_id uuid     NOT NULL REFERENCES citizen_report (observation_id),
    sha256         char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    origin         text     NOT NULL CHECK (origin IN ('REPORT_MEDIA', 'ACCOUNT_UPLOAD')),
    uploaded_by    text     NOT NULL,
    PRIMARY KEY (observation_id, sha256)
);
CREATE INDEX citizen_report_photo_sha_idx ON citizen_report_photo (sha256);

-- External media_url links, by the SHA-256 of the URL: kept as given, never fetched by the server,
-- public (as the report's media_url) only once a supervisor approves the link.
CREATE TABLE citizen_media_link (
    url_sha256 char(64)    PRIMARY KEY CHECK (url_sha256 ~ '^[0-9a-f]{64}$'),
    url        text        NOT NULL CHECK (length(url) <= 2048),
    decision   text        CHECK (decision IN ('APPROVED', 'REJECTED')),
    reason     text,
    decided_by text,
    decided_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX citizen_media_link_created_idx ON citizen_media_link (created_at, url_sha256);

CREATE TABLE citizen_report_link (
    observation_id uuid     NOT NULL REFERENCES citizen_report (observation_id),
    url_sha256     char(64) NOT NULL REFERENCES citizen_media_link (url_sha256),
    position       int      NOT NULL,
    PRIMARY KEY (observation_id, url_sha256)
);
CREATE INDEX citizen_report_link_url_idx ON citizen_report_link (url_sha256);

-- Anonymous replays are matched on key and form whatever the caller's address.
CREATE INDEX open311_idempotency_key_body_idx ON open311_idempotency (idem_key, body_hash);

-- Staff triage lists reports needing a location first, then the newest.
CREATE INDEX citizen_report_created_desc_idx ON citizen_report (created_at DESC, observation_id);

-- mySociety's servicerequestupdates: status changes by time (a partial index, status changes only).
CREATE INDEX observation_revision_status_at_idx ON observation_revision (created_at) WHERE change = 'STATUS';
