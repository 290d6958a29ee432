-- Works monitoring and alerts (docs/works-monitoring.md): read models kept by projectors from the
-- observation and work events. Append-only once on main.

-- One row per WORKS_PROGRESS observation, as of its latest revision (projector works-progress).
-- work_id is NULL when the observation names no work. Photos: their sha256, in the observation's order.
CREATE TABLE work_progress_report (
    observation_id uuid PRIMARY KEY,
    work_id        uuid,
    rev            bigint      NOT NULL,
    captured_at    timestamptz NOT NULL,
    -- the device's offset, so the report's time reads as the device wrote it
    captured_offset text       NOT NULL,
    percent        numeric(6, 2),
    stage          text,
    author         text        NOT NULL,
    status         text        NOT NULL,
    photos         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_progress_report_work_idx ON work_progress_report (work_id, captured_at DESC, observation_id DESC)
    WHERE work_id IS NOT NULL;

-- What the last delay evaluation of a work found; a change from not delayed to delayed is one
-- WORK_DELAYED alert. Evaluations lock the row, so projectors and the scheduled check on several
-- instances never both see the same transition.
CREATE TABLE work_delay (
    work_id      uuid PRIMARY KEY,
    delayed      boolean     NOT NULL,
    delay_points numeric(6, 1),
    evaluated_at timestamptz NOT NULL DEFAULT now(),
    changed_at   timestamptz NOT NULL DEFAULT now()
);

-- Alerts for supervisors. The id is also the server-sent event id; inserts are serialised by an
-- advisory lock so ids become visible in order and a stream reading "id > last" never skips one.
CREATE TABLE alert (
    id              bigserial PRIMARY KEY,
    kind            text        NOT NULL,
    severity        smallint    NOT NULL CHECK (severity BETWEEN 1 AND 5),
    subject_type    text        NOT NULL CHECK (subject_type IN ('observation', 'work')),
    subject_id      uuid        NOT NULL,
    zone_id         text,
    -- the facts the title is written from (hazard, severity, work code and name, delay, days)
    details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    acknowledged_at timestamptz,
    acknowledged_by text
);
-- A risk is alerted once per kind of alert, whoever notices it first (projector, scheduled check, redelivery).
CREATE UNIQUE INDEX alert_once_per_risk_idx ON alert (kind, subject_id) WHERE subject_type = 'observation';
CREATE INDEX alert_kind_idx ON alert (kind, id);
CREATE INDEX alert_zone_idx ON alert (zone_id, id) WHERE zone_id IS NOT NULL;
CREATE INDEX alert_unacknowledged_idx ON alert (id) WHERE acknowledged_at IS NULL;
