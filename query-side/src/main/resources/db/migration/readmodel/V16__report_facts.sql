-- What the reports read: every event that moves a figure, with both of its times, reduced to the facts a report
-- groups or counts by (grade, owner, status, source, tier, nature, province, city, industry, referrer; a visit's
-- method, a purchase's amount and currency, a complaint's steps, a membership card's). A report folds each
-- customer's facts recorded by its knownAt in business-time order, so it is exactly what the archive knew then.
-- Personal facts (province, city, referrer) are removed on erasure.
CREATE TABLE report_fact (
    customer_id UUID        NOT NULL,
    sequence    BIGINT      NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    type        VARCHAR(64) NOT NULL,
    facts       JSONB       NOT NULL,
    PRIMARY KEY (customer_id, sequence)
);
-- the activity read model is replaced by the facts: the reports fold owners at the time of each event themselves
DROP TABLE IF EXISTS activity;
DROP TABLE IF EXISTS activity_rebuild;
-- an archive with events already passed fills the facts by a rebuild of that read model alone, which the pass
-- resumes at start-up while every other read model keeps serving
INSERT INTO pass_rebuild (id, generation, models, started_at, updated_at)
SELECT 1, 1, ARRAY['report-facts'], now(), now() FROM (SELECT 1 FROM pass_token LIMIT 1) passed
ON CONFLICT (id) DO UPDATE SET generation = pass_rebuild.generation + 1,
    models = ARRAY(SELECT DISTINCT m FROM unnest(array_remove(pass_rebuild.models, 'activity') || EXCLUDED.models) m ORDER BY m),
    prepared = FALSE, last_index = NULL, gaps = NULL, events = 0;
