-- What staff record about each household beyond the basics, and invitations to set a password.

-- Where the household stands with the service (see portal_core::carers::HouseholdStatus).
ALTER TABLE households ADD COLUMN status TEXT NOT NULL DEFAULT 'approved';
-- Goes up with every change staff make, so two people editing at once cannot undo each other.
ALTER TABLE households ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- One-time links with which a carer sets their password. Only a hash of the token is kept, and
-- a link works once, before it expires; making a new one cancels the old.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    cancelled_at INTEGER
);
CREATE INDEX invitations_by_user ON invitations (user_id);
