-- What each applied write carried, so a replay of its opId with other content is refused (OP_ID_REUSED)
-- instead of being answered UNCHANGED while the new content is dropped. Rows written before this column
-- existed keep it null and keep the old behaviour (any replay of their opId is UNCHANGED).
ALTER TABLE applied_op ADD COLUMN content_hash char(64);
