-- Enquiries from people thinking about fostering. `id` is chosen by their device, so an
-- enquiry sent again is the same row. `body` is the enquiry and its self-check as JSON;
-- `closed_on` is set while the enquiry is closed, for the retention job.
CREATE TABLE enquiries (
    id TEXT PRIMARY KEY NOT NULL,
    received_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    stage TEXT NOT NULL,
    assigned_to TEXT,
    household_id TEXT,
    closed_on TEXT
);
CREATE INDEX enquiries_by_closing ON enquiries (closed_on);

-- Each enquiry's history: stage moves, contact attempts, notes, who handles it.
CREATE TABLE enquiry_events (
    enquiry_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    by_user TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (enquiry_id, seq)
);

-- New enquiries by network address within the last hour, for the rate limit. Rows older
-- than the window are removed as new ones arrive.
CREATE TABLE enquiry_sends (
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX enquiry_sends_by_address ON enquiry_sends (address, at);

-- What the retention job erased, with nothing about the person: the day it ran and the day
-- each erased enquiry had closed.
CREATE TABLE enquiry_erasures (
    erased_on TEXT NOT NULL,
    closed_on TEXT NOT NULL
);
