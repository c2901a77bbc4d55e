-- A rebuild fills its new tables UNLOGGED (no write-ahead log while it folds and copies; logged once, just before the
-- swap). PostgreSQL empties unlogged tables when it recovers from a crash; this unlogged witness is emptied with them,
-- so a rebuild resumed after such a crash finds its witness gone and starts again from the first event.
CREATE UNLOGGED TABLE pass_rebuild_witness (
    generation BIGINT PRIMARY KEY
);
