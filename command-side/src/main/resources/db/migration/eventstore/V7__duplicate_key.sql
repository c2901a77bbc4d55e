-- The identity keys of each customer (tax number, licence number, phone, name in city), normalised and stored only as hex of
-- keyed digests (HMAC-SHA256 under a key derived from the master key): what the duplicate check looks up, written in
-- the transaction of the events that set them. A customer's erasure deletes its rows.
CREATE TABLE duplicate_key (
    digest      CHAR(64)     NOT NULL,
    customer_id VARCHAR(255) NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    PRIMARY KEY (digest, customer_id)
);
CREATE INDEX duplicate_key_customer ON duplicate_key (customer_id);

-- Customers whose keys were computed (at registration, at an edit, or by the backfill of customers registered before
-- the check existed): the backfill takes the others.
CREATE TABLE duplicate_key_indexed (
    customer_id VARCHAR(255) NOT NULL PRIMARY KEY,
    indexed_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
