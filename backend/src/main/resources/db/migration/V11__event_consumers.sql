-- Event pipeline (docs/events.md): the relay publishes outbox rows in order per aggregate; consumers
-- record every event they processed in the transaction of its effect; failures become dead letters.

-- The relay's query: the oldest unpublished rows, and "is an earlier row of this aggregate still
-- unpublished" (a row locked by another relay instance holds back the later rows of its aggregate).
CREATE INDEX outbox_unpublished_aggregate_idx ON outbox (aggregate_type, aggregate_id, id) WHERE published_at IS NULL;

-- At-least-once delivery, effects once: a consumer applies an event only if it can insert its row.
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     bigint      NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Events a consumer could not process after its retries (or messages that are not events at all).
-- They never block the stream; admins list them and may retry them.
CREATE TABLE dead_letter (
    id             bigserial PRIMARY KEY,
    consumer       text        NOT NULL,
    event_id       bigint,
    event_type     text,
    aggregate_type text,
    aggregate_id   text,
    occurred_at    timestamptz,
    payload        text        NOT NULL,
    reason         text        NOT NULL,
    attempts       integer     NOT NULL,
    origin         text        NOT NULL,
    failed_at      timestamptz NOT NULL DEFAULT now(),
    resolved_at    timestamptz,
    resolution     text CHECK (resolution IS NULL OR resolution IN ('RETRIED', 'DISCARDED'))
);
CREATE INDEX dead_letter_open_idx ON dead_letter (id) WHERE resolved_at IS NULL;
CREATE UNIQUE INDEX dead_letter_open_event_idx ON dead_letter (consumer, event_id) WHERE resolved_at IS NULL AND event_id IS NOT NULL;
