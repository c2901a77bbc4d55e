-- Events are appended with plain JDBC (Axon's JDBC engine), which leaves the global index to the table: it comes
-- from the same sequence, one at a time, so the index still counts 1, 2, 3 …
ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('domain_event_entry_seq');
ALTER SEQUENCE domain_event_entry_seq OWNED BY domain_event_entry.global_index;
