-- Facts about this database itself, such as which version of the server last ran against it.
CREATE TABLE portal_meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
