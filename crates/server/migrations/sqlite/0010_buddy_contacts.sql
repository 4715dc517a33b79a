-- The shared log of contacts between buddies: appended by either side of an active pairing,
-- each published to both households; staff count them to see pairs going quiet.
CREATE TABLE buddy_contacts (
    id TEXT PRIMARY KEY,
    pairing TEXT NOT NULL,
    date TEXT NOT NULL,
    how TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    by_side TEXT NOT NULL
);
CREATE INDEX buddy_contacts_by_pairing ON buddy_contacts (pairing);
