-- Why a household left the service, recorded by staff when they end it, and the day it left:
-- the reports count exits by month and reason (see `ExitReason`). Empty while it fosters.
ALTER TABLE households ADD COLUMN exit_reason TEXT;
ALTER TABLE households ADD COLUMN exit_words TEXT;
ALTER TABLE households ADD COLUMN ended_on TEXT;
