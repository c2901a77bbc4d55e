-- One key per personal field of a customer's card (basic.email, basic.address, contacts, …), wrapped by the master
-- key with "<customer>/<field>" as associated data. Deleting a row destroys every value that field ever had in the
-- customer's events ("[erased]"); a value written afterwards gets a new key. The customer's erasure deletes them all.
CREATE TABLE customer_field_key (
    customer_id VARCHAR(255) NOT NULL,
    field       VARCHAR(100) NOT NULL,
    wrapped_key BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, field)
);
