-- Every membership card number ever issued, and its customer: written in the transaction of the events that issue the
-- card, so a number is unique across the archive and never reused, and an outlet's use finds its customer.
CREATE TABLE membership_card_number (
    card_number CHAR(16)     NOT NULL PRIMARY KEY,
    customer_id VARCHAR(255) NOT NULL
);
CREATE INDEX membership_card_number_customer ON membership_card_number (customer_id);
