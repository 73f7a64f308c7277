-- a comment; with a semicolon
CREATE TABLE first_table (id INTEGER PRIMARY KEY, note TEXT NOT NULL DEFAULT 'a;b') STRICT;
INSERT INTO first_table (note) VALUES ('it''s; quoted');
