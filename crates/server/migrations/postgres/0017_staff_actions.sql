-- What staff did to a household, and who did it: changing its facts, sending a sign-in link,
-- adding it, confirming its training. Read by administrators. Kept ten years, as long as the
-- shortest time a carer's records are kept (see the privacy notice); older rows are erased by
-- the same daily task that erases old enquiries.
CREATE TABLE staff_actions (
    at BIGINT NOT NULL,
    staff_id TEXT NOT NULL REFERENCES users (id),
    household_id TEXT NOT NULL,
    action TEXT NOT NULL
);
CREATE INDEX staff_actions_by_household ON staff_actions (household_id, at);
CREATE INDEX staff_actions_by_time ON staff_actions (at);
