-- Inspectors' zone assignments, what pull has told each inspector to hold, and audit rows linked to
-- the observation they concern. Append-only once on main.
-- The cascades only serve manual maintenance: the application never deletes zones or works, and
-- deletes a user only after clearing their zones (which writes the devices' REMOVE rows).

-- The AGEBs and localities an inspector works in (admin API: PUT /api/v1/admin/users/{id}/zones).
CREATE TABLE inspector_zone (
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    zone_id     text        NOT NULL REFERENCES zone (id) ON DELETE CASCADE,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    assigned_by text        NOT NULL,
    PRIMARY KEY (user_id, zone_id)
);
CREATE INDEX inspector_zone_zone_idx ON inspector_zone (zone_id);

-- One definition of "the works of an inspector": public works whose geometry intersects one of
-- their zones. A work in two of their zones is one row.
CREATE VIEW inspector_visible_work AS
SELECT DISTINCT iz.user_id, w.id AS work_id
FROM inspector_zone iz
JOIN zone z ON z.id = iz.zone_id
JOIN public_work w ON w.geom IS NOT NULL AND ST_Intersects(z.geom, w.geom);

-- The works each inspector's devices were last told to hold (UPSERT delivered, no REMOVE since).
-- Reconciling it against inspector_visible_work yields exactly the per-inspector change-log rows
-- to write: new → UPSERT, gone → REMOVE. Gaining a zone thus delivers works that did not change.
CREATE TABLE inspector_work (
    user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    work_id uuid NOT NULL REFERENCES public_work (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, work_id)
);
CREATE INDEX inspector_work_work_idx ON inspector_work (work_id);

-- The observation an audit row concerns, whatever its entity (a status change, a conflict, a photo
-- moderation, contact data): the observation history reads them all by this column.
ALTER TABLE audit_log ADD COLUMN observation_id uuid;
UPDATE audit_log SET observation_id = CAST(entity_id AS uuid)
WHERE entity_type = 'observation' AND entity_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
UPDATE audit_log SET observation_id = CAST(after ->> 'observationId' AS uuid)
WHERE observation_id IS NULL AND jsonb_typeof(after) = 'object'
  AND (after ->> 'observationId') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
CREATE INDEX audit_log_observation_idx ON audit_log (observation_id, at, id) WHERE observation_id IS NOT NULL;

-- Admin user list: filter by role, keyset on username (stored lower-case).
CREATE INDEX app_user_role_username_idx ON app_user (role, username);
