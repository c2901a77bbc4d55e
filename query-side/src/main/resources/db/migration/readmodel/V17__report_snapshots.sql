-- Frozen reports: a report as it was run, with its parameters, its knownAt and the store position the pass had
-- read, signed like the audit checkpoint. Never updated: a re-run at the same knownAt must give the same figures.
CREATE TABLE report_snapshot (
    id         UUID         NOT NULL PRIMARY KEY,
    report     VARCHAR(32)  NOT NULL,
    parameters JSONB        NOT NULL,
    known_at   TIMESTAMPTZ  NOT NULL,
    position   BIGINT       NOT NULL,
    frozen_at  TIMESTAMPTZ  NOT NULL,
    frozen_by  VARCHAR(255) NOT NULL,
    answer     TEXT         NOT NULL,
    signature  VARCHAR(64)  NOT NULL
);
CREATE INDEX report_snapshot_frozen ON report_snapshot (frozen_at DESC);
