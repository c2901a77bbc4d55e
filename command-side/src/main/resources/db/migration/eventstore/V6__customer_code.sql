-- The last number handed out per code prefix (e.g. ZJ2026 for {province2}{yyyy}{seq:5}): an approval takes the next
-- one in the transaction that stores its event, holding the row until it commits, so concurrent approvals on any
-- number of command-sides get distinct numbers, and a refused or failed one gives its number back (no gaps; a
-- PostgreSQL sequence would leave one).
CREATE TABLE customer_code_sequence (
    prefix     VARCHAR(64) NOT NULL PRIMARY KEY,
    last_value BIGINT      NOT NULL
);
-- Every code given and its customer: unique, never reused; the lookup of the migration's idempotence.
CREATE TABLE customer_code (
    code        VARCHAR(64)  NOT NULL PRIMARY KEY,
    customer_id VARCHAR(255) NOT NULL UNIQUE
);
