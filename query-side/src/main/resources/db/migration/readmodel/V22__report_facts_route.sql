-- The route card's reports: the reports' facts now keep a visit's store check (SKU, stock, delivered, sold,
-- merchandised) and an outlet's route and trade type, which the events already passed must fill. An archive with
-- events already passed rebuilds the report facts alone, which the pass resumes at start-up while every other read
-- model keeps serving.
INSERT INTO pass_rebuild (id, generation, models, started_at, updated_at)
SELECT 1, 1, ARRAY['report-facts'], now(), now() FROM (SELECT 1 FROM pass_token LIMIT 1) passed
ON CONFLICT (id) DO UPDATE SET generation = pass_rebuild.generation + 1,
    models = ARRAY(SELECT DISTINCT m FROM unnest(pass_rebuild.models || EXCLUDED.models) m ORDER BY m),
    prepared = FALSE, last_index = NULL, gaps = NULL, events = 0;
