-- A handover may keep the old owner on each customer's team (相关团队), READ or WRITE.
ALTER TABLE handover_job ADD COLUMN keep_previous_owner_as VARCHAR(8);
