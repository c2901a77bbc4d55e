-- Each customer's data key (AES-256), wrapped by the master key from configuration. Deleting a row is the
-- customer's erasure: the personal fields of its events, encrypted with that key, can no longer be read.
CREATE TABLE customer_key (
    customer_id VARCHAR(255) NOT NULL PRIMARY KEY,
    wrapped_key BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
