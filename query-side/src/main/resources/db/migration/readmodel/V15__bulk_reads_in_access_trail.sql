-- Reads of many customers at once (a search page, an export, a report list) in the access trail: who, when, which
-- endpoint in which format, with what filter (the query string), how many customers and which. One row per read.
CREATE TABLE access_trail (
    id           BIGSERIAL    NOT NULL PRIMARY KEY,
    at           TIMESTAMPTZ  NOT NULL,
    username     VARCHAR(255) NOT NULL,
    view         VARCHAR(200) NOT NULL,
    format       VARCHAR(100) NOT NULL,
    filter       TEXT,
    customers    INTEGER      NOT NULL,
    customer_ids UUID[]       NOT NULL
);
CREATE INDEX access_trail_at ON access_trail (at DESC);
CREATE INDEX access_trail_user ON access_trail (username, at DESC);
-- the auditor's trail lists single reads beside bulk ones, newest first, for one user or all
CREATE INDEX access_log_at ON access_log (at DESC);
CREATE INDEX access_log_user ON access_log (username, at DESC);
