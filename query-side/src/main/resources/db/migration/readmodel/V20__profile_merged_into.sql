-- The customer a merged duplicate was merged into, as a column: the lists and the agenda leave merged customers out
-- by it, without reading each row's state JSON. Profiles folded before it are filled from their state (and so are
-- those of a rebuild under way).
ALTER TABLE profile ADD COLUMN merged_into UUID;
UPDATE profile SET merged_into = CAST(state->>'mergedInto' AS uuid) WHERE state->>'mergedInto' IS NOT NULL;
DO $$
BEGIN
    IF to_regclass('profile_rebuild') IS NOT NULL THEN
        ALTER TABLE profile_rebuild ADD COLUMN IF NOT EXISTS merged_into UUID;
        UPDATE profile_rebuild SET merged_into = CAST(state->>'mergedInto' AS uuid)
        WHERE state->>'mergedInto' IS NOT NULL;
    END IF;
END $$;
