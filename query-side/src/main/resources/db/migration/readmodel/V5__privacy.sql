-- Customers whose consent is withdrawn: the feed withholds the personal fields of their events.
CREATE TABLE feed_consent (
    customer_id UUID    NOT NULL PRIMARY KEY,
    withdrawn   BOOLEAN NOT NULL,
    version     BIGINT  NOT NULL
);

-- Who read a customer's personal data (a profile, its history, its changes or an as-of view), and when.
-- Not in the customer's event stream: a read is not a change of the customer. Not rebuilt by a replay.
CREATE TABLE access_log (
    id          BIGSERIAL   NOT NULL PRIMARY KEY,
    customer_id UUID        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    username    VARCHAR(255) NOT NULL,
    view        VARCHAR(50) NOT NULL
);
CREATE INDEX access_log_customer ON access_log (customer_id, at DESC);
