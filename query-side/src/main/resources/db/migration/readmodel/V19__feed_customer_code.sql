-- The code each customer has, as the feed learnt it from the events (a registration with review off, an approval):
-- every later entry of that customer carries it as the CloudEvent extension "customercode".
CREATE TABLE feed_customer_code (
    customer_id UUID        NOT NULL PRIMARY KEY,
    code        VARCHAR(64) NOT NULL
);
-- the code each entry was written with, so an entry reads the same from its columns as from its stored CloudEvent
ALTER TABLE feed_event ADD COLUMN customer_code VARCHAR(64);
