-- The last 30-second step whose code each person used, so that a code seen over someone's
-- shoulder (or replayed from a captured request) cannot be used again.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
