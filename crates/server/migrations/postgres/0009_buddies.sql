-- Buddy pairings: suggested by staff (from the matcher), answered by both households through
-- the sync engine, ended by either. A household's part in the scheme is its own record
-- ("buddy_membership"); each pairing is published to both households as they should see it.
CREATE TABLE buddy_pairings (
    id TEXT PRIMARY KEY,
    seeker TEXT NOT NULL,
    buddy TEXT NOT NULL,
    status TEXT NOT NULL,
    seeker_accepted BIGINT NOT NULL,
    buddy_accepted BIGINT NOT NULL,
    score BIGINT NOT NULL,
    reasons TEXT NOT NULL,
    -- Why it was declined or ended, and by whom: for staff only, never published.
    reason TEXT,
    reason_by TEXT
);
CREATE INDEX buddy_pairings_by_seeker ON buddy_pairings (seeker);
CREATE INDEX buddy_pairings_by_buddy ON buddy_pairings (buddy);

-- Pairs staff have ruled out.
CREATE TABLE buddy_barred (
    seeker TEXT NOT NULL,
    buddy TEXT NOT NULL,
    PRIMARY KEY (seeker, buddy)
);
