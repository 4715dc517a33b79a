-- A pair staff rule out is ruled out either way round, so it is kept once, as the two
-- households in order, with why (for staff only).
ALTER TABLE buddy_barred RENAME COLUMN seeker TO household_a;
ALTER TABLE buddy_barred RENAME COLUMN buddy TO household_b;
ALTER TABLE buddy_barred ADD COLUMN reason TEXT NOT NULL DEFAULT '';
