-- Survey waves themselves are service records (`surveys`), which carers' devices pull.

-- Who has answered which wave, and nothing else: no time, no sequence, no link to an answer.
CREATE TABLE survey_answered (
    wave_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (wave_id, user_id)
);

-- Each wave's responses, as one list sorted by content and rewritten whole when a response is
-- added: no response has a row, a key, a time or a position of its own that could be lined up
-- with who answered when. See "Anonymous surveys" in ARCHITECTURE.md.
CREATE TABLE survey_pools (
    wave_id TEXT PRIMARY KEY NOT NULL,
    responses TEXT NOT NULL
);
