-- Where the Kafka publisher stands on each topic: the last feed position the broker acknowledged. A restart or a
-- Kafka outage resumes after it (at least once: a page sent but not acknowledged is sent again).
CREATE TABLE kafka_publication (
    topic      varchar(249) PRIMARY KEY,
    position   bigint       NOT NULL,
    updated_at timestamptz  NOT NULL
);
