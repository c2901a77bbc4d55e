-- Review and coding on the profile: the customer's code (searchable, looked up by code), where its card stands in
-- review and since when (the queue's age), and how many proposed changes to signed fields wait. Profiles folded
-- before review existed are approved customers without a code (the state's JSON says so when read).
ALTER TABLE profile ADD COLUMN code VARCHAR(64);
ALTER TABLE profile ADD COLUMN admission VARCHAR(20) NOT NULL DEFAULT 'APPROVED';
ALTER TABLE profile ADD COLUMN admission_since TIMESTAMPTZ;
ALTER TABLE profile ADD COLUMN pending_proposals INTEGER NOT NULL DEFAULT 0;
CREATE INDEX profile_code ON profile (code);
CREATE INDEX profile_admission_queue ON profile (admission_since) WHERE admission <> 'APPROVED' OR pending_proposals > 0;
ALTER TABLE IF EXISTS profile_rebuild ADD COLUMN IF NOT EXISTS code VARCHAR(64);
ALTER TABLE IF EXISTS profile_rebuild ADD COLUMN IF NOT EXISTS admission VARCHAR(20) NOT NULL DEFAULT 'APPROVED';
ALTER TABLE IF EXISTS profile_rebuild ADD COLUMN IF NOT EXISTS admission_since TIMESTAMPTZ;
ALTER TABLE IF EXISTS profile_rebuild ADD COLUMN IF NOT EXISTS pending_proposals INTEGER NOT NULL DEFAULT 0;
