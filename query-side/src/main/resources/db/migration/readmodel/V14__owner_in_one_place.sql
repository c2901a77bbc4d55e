-- A customer's owner is kept in one place: the profile (now) and the field-change timeline (before any event).
-- Complaints and the follow-up schedule join the profile's owner; the activity keeps the owner of each row's time,
-- read from the timeline for a customer its writer does not hold. Their own copies go, with any rebuild's.
DROP TABLE complaint_owner;
DROP TABLE activity_owner;
DROP TABLE IF EXISTS complaint_owner_rebuild;
DROP TABLE IF EXISTS activity_owner_rebuild;
ALTER TABLE complaint DROP COLUMN owner_id;
ALTER TABLE follow_up DROP COLUMN owner_id;
ALTER TABLE IF EXISTS complaint_rebuild DROP COLUMN IF EXISTS owner_id;
ALTER TABLE IF EXISTS follow_up_rebuild DROP COLUMN IF EXISTS owner_id;
