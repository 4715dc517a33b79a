-- Anonymous survey answers waiting to join their survey's pool, each sealed with a key kept
-- outside the database (see `sealed.rs`). They join in fives, or all at the survey's close, so
-- that no copy of the database can link one answer to the one carer who sent it.
CREATE TABLE survey_waiting (
    wave_id TEXT NOT NULL,
    sealed TEXT NOT NULL
);
CREATE INDEX survey_waiting_by_wave ON survey_waiting (wave_id);
