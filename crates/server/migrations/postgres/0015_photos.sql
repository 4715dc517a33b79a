-- Photos sent with payment queries and messages, as files. `id` is chosen by the carer's
-- device and names the photo in the query's thread; a photo belongs to the household that sent
-- it first, and only that household and the staff who may see its queries can read it.
CREATE TABLE photos (
    id TEXT PRIMARY KEY NOT NULL,
    household_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    image BYTEA NOT NULL
);
CREATE INDEX photos_by_household ON photos (household_id);
