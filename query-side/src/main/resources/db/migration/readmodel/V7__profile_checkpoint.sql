-- The folded profile every so many versions of a customer (archive.as-of.checkpoint-every), sealed with the
-- customer's key: as-of starts from the newest one before the moment asked for. Part of the profiles read model;
-- an erasure removes them (and its key no longer opens any left). Histories stored before this table existed get
-- theirs with a rebuild of the profiles (POST /api/admin/projections/profiles/replay).
CREATE TABLE profile_checkpoint (
    customer_id UUID        NOT NULL,
    version     BIGINT      NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    state       TEXT        NOT NULL,
    PRIMARY KEY (customer_id, version)
);
