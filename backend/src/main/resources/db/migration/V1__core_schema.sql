-- Brújula core schema: observations with revisions, idempotency log, pull change log,
-- outbox for events, audit trail, conflicts. Append-only once on main.
CREATE EXTENSION IF NOT EXISTS postgis;

-- One row: the sync epoch changes when a database is restored, so devices holding a cursor
-- from another history get 410 and resync fully.
CREATE TABLE sync_state (
    id         smallint PRIMARY KEY CHECK (id = 1),
    epoch      uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sync_state (id, epoch) VALUES (1, gen_random_uuid());

CREATE TABLE observation (
    id                    uuid PRIMARY KEY,
    kind                  text             NOT NULL,
    geom                  geometry(Geometry, 4326) NOT NULL,
    accuracy_m            double precision,
    captured_at           timestamptz      NOT NULL,
    -- the device's offset, kept so capturedAt round-trips exactly as the device wrote it
    captured_offset       text             NOT NULL DEFAULT 'Z',
    captured_at_precision text             NOT NULL DEFAULT 'INSTANT',
    -- receivedAt - sentAt when the device clock was off (CLOCK_SKEW); capturedAt + offset is the best estimate
    clock_offset_s        bigint,
    device_id             text,
    notes                 text,
    attributes            jsonb            NOT NULL DEFAULT '{}'::jsonb,
    photos                jsonb            NOT NULL DEFAULT '[]'::jsonb,
    status                text             NOT NULL,
    flags                 text[]           NOT NULL DEFAULT '{}',
    author                text             NOT NULL,
    rev                   bigint           NOT NULL,
    content_hash          char(64)         NOT NULL,
    area_m2               double precision,
    public_work_id        uuid,
    received_at           timestamptz      NOT NULL,
    updated_at            timestamptz      NOT NULL,
    CONSTRAINT observation_rev_positive CHECK (rev >= 1)
);
CREATE INDEX observation_geom_gix ON observation USING gist (geom);
CREATE INDEX observation_kind_status_idx ON observation (kind, status);
CREATE INDEX observation_captured_at_idx ON observation (captured_at, id);
CREATE INDEX observation_author_idx ON observation (author);
CREATE INDEX observation_public_work_idx ON observation (public_work_id) WHERE public_work_id IS NOT NULL;

-- Every state an observation has had. UNIQUE(observation_id, rev) makes racing writers safe.
CREATE TABLE observation_revision (
    observation_id uuid        NOT NULL REFERENCES observation (id),
    rev            bigint      NOT NULL,
    op_id          uuid,
    actor          text        NOT NULL,
    change         text        NOT NULL,
    content_hash   char(64)    NOT NULL,
    doc            jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT observation_revision_uq UNIQUE (observation_id, rev)
);

-- Applied device writes: the idempotency log. A replayed opId returns the stored result.
CREATE TABLE applied_op (
    op_id          uuid PRIMARY KEY,
    observation_id uuid        NOT NULL,
    actor          text        NOT NULL,
    status         text        NOT NULL,
    rev            bigint,
    result         jsonb       NOT NULL,
    applied_at     timestamptz NOT NULL DEFAULT now()
);

-- Pull feed. txid is taken at insert; a reader only returns rows whose transaction is older than
-- every transaction still running, so a late commit is never skipped by a cursor.
CREATE SEQUENCE change_log_seq;
CREATE TABLE change_log (
    txid        xid8        NOT NULL DEFAULT pg_current_xact_id(),
    seq         bigint      NOT NULL DEFAULT nextval('change_log_seq'),
    entity_type text        NOT NULL,
    entity_id   text        NOT NULL,
    op          text        NOT NULL,
    rev         bigint,
    -- who may see an observation change (its author); NULL for shared reference data
    owner       text,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (txid, seq)
);
CREATE INDEX change_log_owner_idx ON change_log (owner, txid, seq);

-- Transactional outbox: an event row is written in the same transaction as the data it describes.
CREATE TABLE outbox (
    id             bigserial PRIMARY KEY,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    event_type     text        NOT NULL,
    payload        jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    published_at   timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

CREATE TABLE sync_conflict (
    id               uuid PRIMARY KEY,
    observation_id   uuid        NOT NULL REFERENCES observation (id),
    author           text        NOT NULL,
    op_id            uuid        NOT NULL,
    base_rev         bigint      NOT NULL,
    server_rev       bigint      NOT NULL,
    fields           text[]      NOT NULL,
    mine             jsonb       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    resolved_at      timestamptz,
    resolved_by      text,
    resolution       text
);
CREATE INDEX sync_conflict_open_idx ON sync_conflict (observation_id) WHERE resolved_at IS NULL;

-- Who changed what, when, before and after.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    entity_type text        NOT NULL,
    entity_id   text        NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at);

-- Users and token signing.
CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    username      text        NOT NULL,
    display_name  text,
    password_hash text,
    role          text        NOT NULL CHECK (role IN ('citizen', 'inspector', 'supervisor', 'admin')),
    enabled       boolean     NOT NULL DEFAULT true,
    token_version integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_uq ON app_user (lower(username));

CREATE TABLE signing_key (
    kid         text PRIMARY KEY,
    algorithm   text        NOT NULL,
    private_key text        NOT NULL,
    public_key  text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE refresh_token (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id),
    family_id   uuid        NOT NULL,
    token_hash  char(64)    NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);

-- Reference data: zones (AGEB, locality, municipality) and the public works catalogue.
CREATE TABLE zone (
    id          text PRIMARY KEY,
    zone_type   text             NOT NULL CHECK (zone_type IN ('MUNICIPALITY', 'LOCALITY', 'AGEB')),
    name        text             NOT NULL,
    parent_id   text,
    population  integer,
    area_km2    double precision,
    properties  jsonb            NOT NULL DEFAULT '{}'::jsonb,
    geom        geometry(MultiPolygon, 4326) NOT NULL,
    rev         bigint           NOT NULL DEFAULT 1,
    updated_at  timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX zone_geom_gix ON zone USING gist (geom);
CREATE INDEX zone_type_idx ON zone (zone_type);

-- The area of interest flags observations captured outside it (never rejects them).
CREATE TABLE area_of_interest (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    geom       geometry(MultiPolygon, 4326) NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX area_of_interest_geom_gix ON area_of_interest USING gist (geom);

CREATE TABLE public_work (
    id              uuid PRIMARY KEY,
    code            text             NOT NULL UNIQUE,
    name            text             NOT NULL,
    programme       text,
    fund            text,
    budget_mxn      numeric(16, 2),
    contractor      text,
    planned_start   date,
    planned_end     date,
    planned_curve   jsonb            NOT NULL DEFAULT '[]'::jsonb,
    description     text,
    zone_id         text,
    geom            geometry(Geometry, 4326),
    rev             bigint           NOT NULL DEFAULT 1,
    created_at      timestamptz      NOT NULL DEFAULT now(),
    updated_at      timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX public_work_geom_gix ON public_work USING gist (geom);
