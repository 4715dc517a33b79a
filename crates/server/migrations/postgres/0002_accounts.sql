-- Households of foster carers, the people who sign in, and their sessions.
-- Times are whole seconds since 1970 (UTC). Flags are 0 or 1. Demo rows are marked is_demo = 1.

CREATE TABLE households (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    carer_type TEXT NOT NULL,
    area TEXT NOT NULL,
    approved_on TEXT,
    supervising_worker_id TEXT,
    is_demo BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    household_id TEXT REFERENCES households (id),
    password_hash TEXT,
    totp_secret TEXT,
    created_at BIGINT NOT NULL,
    is_demo BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed sign-ins, kept for the rate-limit window, by account and by address.
CREATE TABLE sign_in_failures (
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_account ON sign_in_failures (account, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);
