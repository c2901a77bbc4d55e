-- Axon's processing state of query-side: tracking tokens, dead letters, and the saga tables its JPA support maps.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    "timestamp"    VARCHAR(255) NOT NULL,
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)             NOT NULL PRIMARY KEY,
    processing_group     VARCHAR(255)             NOT NULL,
    sequence_identifier  VARCHAR(255)             NOT NULL,
    sequence_index       BIGINT                   NOT NULL,
    message_type         VARCHAR(255)             NOT NULL,
    event_identifier     VARCHAR(255)             NOT NULL,
    time_stamp           VARCHAR(255)             NOT NULL,
    payload_type         VARCHAR(255)             NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA                    NOT NULL,
    meta_data            BYTEA,
    type                 VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_touched         TIMESTAMP(6) WITH TIME ZONE,
    processing_started   TIMESTAMP(6) WITH TIME ZONE,
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence ON dead_letter_entry (processing_group, sequence_identifier);

CREATE TABLE saga_entry (
    saga_id         VARCHAR(255) NOT NULL PRIMARY KEY,
    saga_type       VARCHAR(255),
    revision        VARCHAR(255),
    serialized_saga BYTEA
);

CREATE SEQUENCE association_value_entry_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE association_value_entry (
    id                BIGINT       NOT NULL PRIMARY KEY,
    association_key   VARCHAR(255) NOT NULL,
    association_value VARCHAR(255),
    saga_id           VARCHAR(255) NOT NULL,
    saga_type         VARCHAR(255)
);
CREATE INDEX association_value_entry_saga ON association_value_entry (saga_id, saga_type);
CREATE INDEX association_value_entry_lookup ON association_value_entry (saga_type, association_key, association_value);
