-- The integrators' feed: every stored event once, at a contiguous position 1, 2, 3 … counted by the single
-- writer (one-segment processor) in its own transaction, so a position is never skipped nor reused.
CREATE TABLE feed_event (
    position    BIGINT       NOT NULL PRIMARY KEY,
    event_id    VARCHAR(255) NOT NULL UNIQUE,
    customer_id UUID         NOT NULL,
    sequence    BIGINT       NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(64),
    data        JSONB        NOT NULL
);
CREATE INDEX feed_event_type ON feed_event (type, position);
CREATE INDEX feed_event_customer ON feed_event (customer_id, position);
