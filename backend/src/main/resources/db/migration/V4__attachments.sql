-- Photos: content-addressed attachments. The bytes live in the S3 bucket under their SHA-256;
-- a row here means the object was verified (hash, type, image header) and stored. Rows are
-- written after the object, so a row never names a missing upload.
CREATE TABLE attachment (
    sha256     char(64)    PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    media_type text        NOT NULL,
    bytes      bigint      NOT NULL CHECK (bytes > 0),
    width      integer     NOT NULL CHECK (width > 0),
    height     integer     NOT NULL CHECK (height > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL
);

-- "Which observations reference hash H" is photos @> '[{"sha256":"H"}]': answered by this index
-- without any change to how observations are written.
CREATE INDEX observation_photos_gin ON observation USING gin (photos jsonb_path_ops);

-- Observations still waiting for photos: small, read when a photo arrives and by the sweeper.
CREATE INDEX observation_incomplete_idx ON observation (id) WHERE 'INCOMPLETE' = ANY (flags);
