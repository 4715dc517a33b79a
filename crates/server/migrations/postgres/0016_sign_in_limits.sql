-- Sign-in limits that slow guessing down without letting strangers lock people out.
-- Each attempt is written down before its password is checked, so that parallel guesses are all
-- counted; `attempt` names the row so that a right password can take it away again. `device`
-- is set when the attempt came from a browser that has signed in to that account before: such a
-- browser has a budget of its own, which strangers' failures cannot use up.
ALTER TABLE sign_in_failures ADD COLUMN attempt TEXT NOT NULL DEFAULT '';
ALTER TABLE sign_in_failures ADD COLUMN device TEXT;
CREATE INDEX sign_in_failures_by_attempt ON sign_in_failures (attempt);

-- Browsers that have signed in to an account: the SHA-256 of the token in their
-- `portal_device` cookie. One browser may be known to several accounts (two carers of one
-- household on one computer).
CREATE TABLE known_devices (
    token_hash TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (token_hash, user_id)
);
