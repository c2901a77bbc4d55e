-- Issue 13: what a customer buys, who referred it, when its card was last checked or changed.

-- Purchases as the events recorded them; cancelled ones stay, marked, and count nowhere. No personal data.
CREATE TABLE purchase (
    customer_id   UUID           NOT NULL,
    purchase_no   INTEGER        NOT NULL,
    order_ref     VARCHAR(100)   NOT NULL,
    product       VARCHAR(200)   NOT NULL,
    quantity      NUMERIC(16, 4) NOT NULL,
    amount        NUMERIC(17, 2) NOT NULL,
    currency      VARCHAR(3)     NOT NULL,
    purchased_at  TIMESTAMPTZ    NOT NULL,
    cancelled     BOOLEAN        NOT NULL DEFAULT FALSE,
    cancel_reason VARCHAR(2000),
    PRIMARY KEY (customer_id, purchase_no)
);
CREATE INDEX purchase_time ON purchase (purchased_at) WHERE NOT cancelled;

-- The referrer (a customer id; "[erased]" once the customer's personal data is erased) and the instant the card
-- was last made current: registered, edited or reviewed (stale counts from it; a complaint does not freshen it).
ALTER TABLE profile ADD COLUMN referred_by VARCHAR(64);
ALTER TABLE profile ADD COLUMN fresh_at TIMESTAMPTZ;
UPDATE profile SET fresh_at = updated_at;
CREATE INDEX profile_referred_by ON profile (referred_by) WHERE referred_by IS NOT NULL;
ALTER TABLE profile ADD COLUMN next_follow_up_on DATE;
UPDATE profile SET next_follow_up_on = CAST(state ->> 'nextFollowUpOn' AS DATE);
