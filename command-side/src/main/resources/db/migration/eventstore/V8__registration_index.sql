-- The registrations (each stream's first event) in store order: the start's backfill of duplicate keys and the
-- admission migration look for customers among them, reading the registrations only instead of every event of the
-- store at each start.
CREATE INDEX domain_event_entry_registration ON domain_event_entry (global_index) WHERE sequence_number = 0;
