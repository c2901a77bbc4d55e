-- Money after the sale: the profile's folded state keeps the customer's credit account (orders, shipments,
-- collections), which the purchases already passed must fill. An archive with events already passed rebuilds the
-- profile read model alone, which the pass resumes at start-up while every other read model keeps serving.
INSERT INTO pass_rebuild (id, generation, models, started_at, updated_at)
SELECT 1, 1, ARRAY['profiles'], now(), now() FROM (SELECT 1 FROM pass_token LIMIT 1) passed
ON CONFLICT (id) DO UPDATE SET generation = pass_rebuild.generation + 1,
    models = ARRAY(SELECT DISTINCT m FROM unnest(pass_rebuild.models || EXCLUDED.models) m ORDER BY m),
    prepared = FALSE, last_index = NULL, gaps = NULL, events = 0;
