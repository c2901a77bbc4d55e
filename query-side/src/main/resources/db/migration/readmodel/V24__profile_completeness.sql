-- How complete each card is (档案完整度, 0-100) as a column: the lists filter and sort on it, the agenda finds the
-- incomplete cards of a rep by it. The score depends on the configured weights: the weights it was computed with are
-- kept (their fingerprint), and a change of them asks the profiles and the report facts to be rebuilt at start-up.
ALTER TABLE profile ADD COLUMN completeness SMALLINT;
CREATE INDEX profile_owner_completeness ON profile (owner_id, completeness);
DO $$
BEGIN
    IF to_regclass('profile_rebuild') IS NOT NULL THEN
        ALTER TABLE profile_rebuild ADD COLUMN IF NOT EXISTS completeness SMALLINT;
    END IF;
END $$;
CREATE TABLE completeness_weights (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);
-- Cards folded before the score and facts recorded before the filled-in fields were kept: an archive with events
-- already passed rebuilds the profiles and the report facts, which the pass resumes at start-up while every other
-- read model keeps serving.
INSERT INTO pass_rebuild (id, generation, models, started_at, updated_at)
SELECT 1, 1, ARRAY['profiles', 'report-facts'], now(), now() FROM (SELECT 1 FROM pass_token LIMIT 1) passed
ON CONFLICT (id) DO UPDATE SET generation = pass_rebuild.generation + 1,
    models = ARRAY(SELECT DISTINCT m FROM unnest(pass_rebuild.models || EXCLUDED.models) m ORDER BY m),
    prepared = FALSE, last_index = NULL, gaps = NULL, events = 0;
