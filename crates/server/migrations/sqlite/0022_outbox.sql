-- Email notices waiting to be sent, and those sent. A row is written in the same transaction as
-- the change it tells someone about, so a notice is never lost and never sent for a change
-- that did not happen. Only the kind is kept, never the words: every email's words are fixed
-- by its kind (portal_core::notices). `token` is an invitation's secret link, erased once sent.
-- A sender claims a row until `claimed_until` (the lease): another server instance takes it
-- over only after that, so two instances never send one email twice, and a sender killed
-- mid-send leaves it for the next.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    token TEXT,
    created_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    claimed_until INTEGER,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_waiting ON outbox (sent_at, due_at);

-- The topics of email a person turned off on their Notifications page: a person with no rows
-- gets every notice.
CREATE TABLE notice_choices (
    user_id TEXT NOT NULL REFERENCES users (id),
    topic TEXT NOT NULL,
    PRIMARY KEY (user_id, topic)
);

-- The surveys whose opening has been emailed to the carers they ask, so that it is emailed
-- once, by whichever instance gets there first.
CREATE TABLE survey_opening_sent (
    wave_id TEXT PRIMARY KEY NOT NULL
);
-- Surveys published before emails existed: carers already know of them, so their opening is
-- not emailed now.
INSERT INTO survey_opening_sent (wave_id)
SELECT id FROM service_records WHERE collection = 'surveys';
