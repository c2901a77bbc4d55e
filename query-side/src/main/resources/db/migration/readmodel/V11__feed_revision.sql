-- Counts the changes to what feed entries already written read as (a consent withdrawn or given, an erasure, a
-- field destroyed): live subscribers share rendered pages of the feed in memory, and drop them when it moves.
CREATE TABLE feed_revision (
    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    revision BIGINT  NOT NULL
);
INSERT INTO feed_revision (id, revision) VALUES (1, 0);
