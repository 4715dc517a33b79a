-- Staff's settings for buddy matching (the weights and the service's areas), one JSON body
-- per setting; matching uses the defaults until staff save their own.
CREATE TABLE buddy_settings (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
