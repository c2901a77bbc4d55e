-- Each feed entry's CloudEvent JSON, written once when the entry enters the feed, so that a read sends it as it is
-- rather than building it again for every reader. Entries written before keep their data column and are built from
-- their columns when read; an entry has one or the other.
ALTER TABLE feed_event ADD COLUMN cloud_event TEXT;
ALTER TABLE feed_event ALTER COLUMN data DROP NOT NULL;
ALTER TABLE feed_event ADD CONSTRAINT feed_event_content CHECK (data IS NOT NULL OR cloud_event IS NOT NULL);
