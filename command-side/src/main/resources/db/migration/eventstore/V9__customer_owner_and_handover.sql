-- Who owns each customer now, kept in the transaction of the events that decide it (registration, transfer, merge):
-- a handover (交接) finds a leaving rep's book here. Filled below from the events already stored.
CREATE TABLE customer_owner (
    customer_id UUID PRIMARY KEY,
    owner_id    TEXT    NOT NULL,
    merged      BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX customer_owner_by_owner ON customer_owner (owner_id) WHERE NOT merged;

-- one unreadable payload (none is expected) leaves its customer out rather than stopping the start
CREATE FUNCTION pg_temp.payload_field(payload BYTEA, field TEXT) RETURNS TEXT AS $$
BEGIN
    RETURN convert_from(payload, 'UTF8')::jsonb ->> field;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

INSERT INTO customer_owner (customer_id, owner_id)
SELECT customer_id, owner_id FROM (
    SELECT DISTINCT ON (aggregate_identifier) CAST(aggregate_identifier AS UUID) AS customer_id,
           CASE WHEN payload_type = 'com.customerarchive.events.OwnerTransferredEvent'
                THEN pg_temp.payload_field(payload, 'to')
                ELSE pg_temp.payload_field(payload, 'ownerId') END AS owner_id
    FROM domain_event_entry
    WHERE type = 'Customer' AND payload_type IN ('com.customerarchive.events.CustomerRegisteredEvent',
                                                 'com.customerarchive.events.OwnerTransferredEvent')
    ORDER BY aggregate_identifier, sequence_number DESC) latest
WHERE owner_id IS NOT NULL;

UPDATE customer_owner SET merged = true WHERE customer_id IN (
    SELECT CAST(aggregate_identifier AS UUID) FROM domain_event_entry
    WHERE type = 'Customer' AND payload_type = 'com.customerarchive.events.CustomerMergedEvent');

-- A handover: one request that moves a rep's book (or a part) to another owner, one OwnerTransferred per customer
-- under the job's id as correlation id; its items say what became of each customer, so a repeat or a restart after
-- a crash finishes what is left and moves nobody twice.
CREATE TABLE handover_job (
    job_id       UUID PRIMARY KEY,
    from_owner   TEXT        NOT NULL,
    to_owner     TEXT        NOT NULL,
    reason       TEXT        NOT NULL,
    requested_by TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    state        TEXT        NOT NULL,
    finished_at  TIMESTAMPTZ
);

CREATE TABLE handover_item (
    job_id      UUID NOT NULL REFERENCES handover_job (job_id),
    customer_id UUID NOT NULL,
    outcome     TEXT,
    PRIMARY KEY (job_id, customer_id)
);
