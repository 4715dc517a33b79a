-- The sync engine's tables. Every write that devices must learn about takes the next change
-- number from change_counter inside its own transaction. The counter's single row is locked
-- until that transaction commits, so change numbers are handed out in commit order and a pull
-- that reads the counter first can never skip a change that commits later with a lower number.

CREATE TABLE change_counter (
    id BIGINT PRIMARY KEY NOT NULL CHECK (id = 1),
    last_change BIGINT NOT NULL
);
INSERT INTO change_counter (id, last_change) VALUES (1, 0);

-- Synced records: a collection, an id, the household that may see it, its JSON (NULL once
-- deleted) and the change number of its latest write.
CREATE TABLE records (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    household_id TEXT NOT NULL REFERENCES households (id),
    body TEXT,
    change BIGINT NOT NULL,
    PRIMARY KEY (collection, id)
);
CREATE INDEX records_by_household_change ON records (household_id, change);

-- Each client (a tab on a device) and the last of its mutations the server has dealt with.
CREATE TABLE sync_clients (
    client_id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    last_applied BIGINT NOT NULL,
    change BIGINT NOT NULL
);
CREATE INDEX sync_clients_by_user ON sync_clients (user_id);

-- Mutations that were refused, with the reason to show the person who made them.
CREATE TABLE sync_rejections (
    client_id TEXT NOT NULL,
    counter BIGINT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    mutation TEXT NOT NULL,
    change BIGINT NOT NULL,
    PRIMARY KEY (client_id, counter)
);
CREATE INDEX sync_rejections_by_user_change ON sync_rejections (user_id, change);
