-- The public pool (公海): what the return job reads to find the customers whose clock may have run out (the customer
-- itself decides each return), kept in the transaction of the events that move it, as the owner is.
ALTER TABLE customer_owner
    ADD COLUMN owner_since    TIMESTAMPTZ,
    ADD COLUMN last_follow_up TIMESTAMPTZ,
    ADD COLUMN last_purchase  TIMESTAMPTZ,
    ADD COLUMN locked         BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN grade          VARCHAR(1),
    ADD COLUMN archived       BOOLEAN NOT NULL DEFAULT false;

-- one unreadable payload (none is expected) leaves its field empty rather than stopping the start
CREATE FUNCTION pg_temp.pool_field(payload BYTEA, field TEXT) RETURNS TEXT AS $$
BEGIN
    RETURN convert_from(payload, 'UTF8')::jsonb ->> field;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- each customer's grade now (its registration's, or its last change's), and whether it is archived now
UPDATE customer_owner SET grade = latest.grade
FROM (SELECT DISTINCT ON (aggregate_identifier) CAST(aggregate_identifier AS UUID) AS customer_id,
             CASE WHEN payload_type = 'com.customerarchive.events.GradeChangedEvent'
                  THEN pg_temp.pool_field(payload, 'to') ELSE pg_temp.pool_field(payload, 'grade') END AS grade
      FROM domain_event_entry
      WHERE type = 'Customer' AND payload_type IN ('com.customerarchive.events.CustomerRegisteredEvent',
                                                   'com.customerarchive.events.GradeChangedEvent')
      ORDER BY aggregate_identifier, sequence_number DESC) latest
WHERE customer_owner.customer_id = latest.customer_id;
UPDATE customer_owner SET archived = (latest.payload_type = 'com.customerarchive.events.CustomerArchivedEvent')
FROM (SELECT DISTINCT ON (aggregate_identifier) CAST(aggregate_identifier AS UUID) AS customer_id, payload_type
      FROM domain_event_entry
      WHERE type = 'Customer' AND payload_type IN ('com.customerarchive.events.CustomerArchivedEvent',
                                                   'com.customerarchive.events.CustomerReactivatedEvent')
      ORDER BY aggregate_identifier, sequence_number DESC) latest
WHERE customer_owner.customer_id = latest.customer_id;

-- the moment each customer came to its owner, as recorded (the return job only selects with it)
UPDATE customer_owner SET owner_since = latest.at
FROM (SELECT DISTINCT ON (aggregate_identifier) CAST(aggregate_identifier AS UUID) AS customer_id,
             CAST(time_stamp AS TIMESTAMPTZ) AS at
      FROM domain_event_entry
      WHERE type = 'Customer' AND payload_type IN ('com.customerarchive.events.CustomerRegisteredEvent',
                                                   'com.customerarchive.events.OwnerTransferredEvent')
      ORDER BY aggregate_identifier, sequence_number DESC) latest
WHERE customer_owner.customer_id = latest.customer_id;

-- each claim from the pool, for the rep's daily cap (a day in the business zone)
CREATE TABLE pool_claim (
    customer_id UUID        NOT NULL,
    owner_id    TEXT        NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (customer_id, claimed_at)
);
CREATE INDEX pool_claim_by_owner ON pool_claim (owner_id, claimed_at);
