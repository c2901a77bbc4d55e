-- One pass through the event store feeds every read model. Its position is a gap-aware token: the highest
-- global index handled and the lower ones not yet seen (a slower writer may still commit them), written in
-- the same transaction as the rows of its batch.
CREATE TABLE pass_token (
    name       VARCHAR(32) NOT NULL PRIMARY KEY,
    last_index BIGINT      NOT NULL,
    gaps       BIGINT[]    NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The rebuild under way, if any: which read models, into tables named <table>_rebuild while the old ones
-- serve (prepared once those exist), how far it has read, and since when. A new request for more read models starts a new generation.
CREATE TABLE pass_rebuild (
    id         INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    generation BIGINT      NOT NULL,
    models     TEXT[]      NOT NULL,
    last_index BIGINT,
    gaps       BIGINT[],
    events     BIGINT      NOT NULL DEFAULT 0,
    prepared   BOOLEAN     NOT NULL DEFAULT FALSE,
    started_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The per-projection processors are gone; their tokens mean nothing to the pass.
DELETE FROM token_entry;
