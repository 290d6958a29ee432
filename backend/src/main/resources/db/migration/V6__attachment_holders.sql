-- Who has sent a photo's bytes. A reference in an observation opens a photo to its author only
-- when the author has sent the bytes once: a hash learnt elsewhere (a published URL) is not a
-- key to the original. Staff read every referenced photo regardless.
CREATE TABLE attachment_holder (
    sha256   char(64)    NOT NULL REFERENCES attachment (sha256),
    actor    text        NOT NULL,
    first_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sha256, actor)
);

-- Every photo stored so far was sent by its uploader.
INSERT INTO attachment_holder (sha256, actor, first_at)
SELECT sha256, created_by, created_at FROM attachment;
