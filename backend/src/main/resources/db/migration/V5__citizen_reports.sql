-- Citizen reports (Open311 GeoReport v2). The report itself is an observation written through the
-- push path; these tables hold what only citizen reports have. Append-only once on main.

-- One row per observation that came in as an Open311 service request.
CREATE TABLE citizen_report (
    observation_id  uuid PRIMARY KEY REFERENCES observation (id),
    service_code    text        NOT NULL,
    -- the observation's author: a citizen account's username or citizen:anon:<random>
    reporter        text        NOT NULL,
    -- SHA-256 (hex) of the anonymous reporter's tracking token; never the token itself
    token_hash      char(64) UNIQUE,
    -- SHA-256 of the submitted form, so a resend with the same observation id is recognised
    body_hash       char(64)    NOT NULL,
    address_string  text,
    -- an earlier open report of the same service within the duplicate radius (both are kept)
    duplicate_of    uuid REFERENCES observation (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX citizen_report_reporter_idx ON citizen_report (reporter);
CREATE INDEX citizen_report_created_idx ON citizen_report (created_at, observation_id);
CREATE INDEX citizen_report_duplicate_idx ON citizen_report (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Personal data, kept apart from the observation; visible to staff only, anonymised after closing.
CREATE TABLE citizen_contact (
    observation_id  uuid PRIMARY KEY REFERENCES citizen_report (observation_id),
    first_name      text,
    last_name       text,
    email           text,
    phone           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    anonymised_at   timestamptz
);
CREATE INDEX citizen_contact_email_idx ON citizen_contact (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX citizen_contact_phone_idx ON citizen_contact (phone) WHERE phone IS NOT NULL;
CREATE INDEX citizen_contact_live_idx ON citizen_contact (observation_id) WHERE anonymised_at IS NULL;

-- Idempotency-Key of POST requests, scoped to the caller; holds the original answer.
CREATE TABLE open311_idempotency (
    scope           text        NOT NULL,
    idem_key        text        NOT NULL,
    body_hash       char(64)    NOT NULL,
    observation_id  uuid        NOT NULL,
    response        jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idem_key)
);

-- Nearby-duplicate search: ST_DWithin(geom::geography, point::geography, metres) on open point
-- reports. An expression index on the geography cast is what such a predicate can use.
CREATE INDEX observation_report_geog_gix ON observation USING gist ((geom::geography))
    WHERE kind IN ('RISK', 'URBAN_IMAGE');
