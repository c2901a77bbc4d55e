-- Issue 14: membership cards (会员卡) as their events left them, and what happened to them, for lookups, lists, notices
-- and the membership report. EXPIRED is not stored: it is judged from valid_until when asked.
CREATE TABLE membership_card (
    card_number  CHAR(16)    NOT NULL PRIMARY KEY,
    customer_id  UUID        NOT NULL,
    tier         VARCHAR(16) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    valid_from   DATE        NOT NULL,
    valid_until  DATE        NOT NULL,
    replaced_by  CHAR(16),
    issued_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX membership_card_customer ON membership_card (customer_id);
CREATE INDEX membership_card_until ON membership_card (valid_until);

-- One row per card event: issued, renewed, tier changed, reported lost, reissued, cancelled, used; with the tier and
-- the fee where there is one.
CREATE TABLE membership_activity (
    customer_id UUID          NOT NULL,
    sequence    BIGINT        NOT NULL,
    occurred_at TIMESTAMPTZ   NOT NULL,
    card_number CHAR(16)      NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    tier        VARCHAR(16),
    fee         NUMERIC(11, 2),
    outlet      VARCHAR(64),
    PRIMARY KEY (customer_id, sequence)
);
CREATE INDEX membership_activity_time ON membership_activity (occurred_at);
CREATE INDEX membership_activity_card ON membership_activity (card_number);
