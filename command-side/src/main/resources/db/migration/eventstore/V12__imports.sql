-- An import (导入): a customer list brought in from a workbook or a CSV file. Its report (rows, bad cells,
-- duplicates) is kept with the job; each accepted row waits in import_row until it is registered (or refused), in
-- the transaction that notes its outcome, so a job resumed after a crash registers every row once. A row's
-- registration (personal data in clear, as in the uploaded file) is cleared once the row has its outcome.
CREATE TABLE import_job (
    import_id    UUID PRIMARY KEY,
    file_name    TEXT,
    format       TEXT        NOT NULL,
    requested_by TEXT        NOT NULL,
    authorities  TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    state        TEXT        NOT NULL,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    report       JSONB       NOT NULL
);

CREATE TABLE import_row (
    import_id    UUID    NOT NULL REFERENCES import_job (import_id),
    row_no       INTEGER NOT NULL,
    external_ref TEXT    NOT NULL,
    customer_id  UUID    NOT NULL,
    registration JSONB,
    outcome      TEXT,
    done_at      TIMESTAMPTZ,
    PRIMARY KEY (import_id, row_no)
);
CREATE INDEX import_row_pending ON import_row (import_id, row_no) WHERE outcome IS NULL;

-- every external reference the archive has registered through an import, and the customer it became
CREATE TABLE import_ref (
    external_ref TEXT PRIMARY KEY,
    customer_id  UUID    NOT NULL,
    import_id    UUID    NOT NULL,
    row_no       INTEGER NOT NULL
);
