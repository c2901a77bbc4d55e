-- An import's further sheets: the visits and purchases of its customers, recorded after them. A row of import_row
-- now belongs to a sheet (0 the customers, 1 the visits, 2 the purchases), worked in that order; its external_ref is
-- the customer's reference on every sheet.
ALTER TABLE import_row ADD COLUMN sheet SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE import_row DROP CONSTRAINT import_row_pkey;
ALTER TABLE import_row ADD PRIMARY KEY (import_id, sheet, row_no);
DROP INDEX import_row_pending;
CREATE INDEX import_row_pending ON import_row (import_id, sheet, row_no) WHERE outcome IS NULL;

-- every visit and purchase the archive has recorded through an import, by what it is known by (a digest of the
-- customer's reference and the visit's reference or content, or of the order's reference)
CREATE TABLE import_entry (
    entry_key   TEXT PRIMARY KEY,
    customer_id UUID     NOT NULL,
    import_id   UUID     NOT NULL,
    sheet       SMALLINT NOT NULL,
    row_no      INTEGER  NOT NULL
);
