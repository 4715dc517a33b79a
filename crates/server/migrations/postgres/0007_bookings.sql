-- Bookings for support group sessions. The server decides each request (a place, the waiting
-- list, or a refusal) inside the push's transaction, from every booking of the session, so it
-- needs them by session; each booking is also published to its household as a record.
CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    household_id TEXT NOT NULL,
    members TEXT NOT NULL,
    status TEXT NOT NULL,
    ord BIGINT NOT NULL
);
CREATE INDEX bookings_by_session ON bookings (session_id);
