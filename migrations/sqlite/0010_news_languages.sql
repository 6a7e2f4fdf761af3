-- The languages a news summary can be written in become a lookup table like the other closed
-- sets (0009), filled from news::Language at every start, so that a new news language needs no
-- migration. The table is rebuilt to drop its CHECK, with foreign keys off (see 0009).

CREATE TABLE news_languages (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO news_languages (name) VALUES ('en'), ('ko'), ('zh'), ('ja'), ('ru'), ('mn');
CREATE TABLE news_summaries_new (
    id           INTEGER PRIMARY KEY,
    assembly_id  INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    language     TEXT NOT NULL REFERENCES news_languages (name),
    headline     TEXT NOT NULL,
    lead         TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft' REFERENCES news_statuses (name),
    updated_at   TEXT NOT NULL,
    published_at TEXT,
    CONSTRAINT one_summary_per_language UNIQUE (assembly_id, language)
);
INSERT INTO news_summaries_new (id, assembly_id, language, headline, lead, body, status, updated_at, published_at)
    SELECT id, assembly_id, language, headline, lead, body, status, updated_at, published_at FROM news_summaries;
DROP TABLE news_summaries;
ALTER TABLE news_summaries_new RENAME TO news_summaries;
