-- Events a read model could not handle: Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue) with
-- one processing group per read model and one sequence per customer; the columns are Axon's, named in snake case,
-- with its JDBC queue's types (instants as ISO text). V1's table, shaped for the JPA queue, was never used.
DROP TABLE dead_letter_entry;
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255) NOT NULL PRIMARY KEY,
    processing_group     VARCHAR(255) NOT NULL,
    sequence_identifier  VARCHAR(255) NOT NULL,
    sequence_index       BIGINT       NOT NULL,
    message_type         VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255) NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        TEXT,
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_sequence_index UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_sequence ON dead_letter_entry (processing_group, sequence_identifier);

-- An operator's request to retry dead letters, carried out by whichever instance runs the pass.
CREATE TABLE dead_letter_retry (
    id             BIGSERIAL   PRIMARY KEY,
    model          TEXT,
    customer_id    TEXT,
    requested_by   TEXT        NOT NULL,
    requested_at   TIMESTAMPTZ NOT NULL,
    done_at        TIMESTAMPTZ,
    retried        INTEGER,
    recovered      INTEGER,
    still_dead     INTEGER
);
