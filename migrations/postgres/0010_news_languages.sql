-- The languages a news summary can be written in become a lookup table like the other closed
-- sets (0009), filled from news::Language at every start, so that a new news language needs no
-- migration.

CREATE TABLE news_languages (name TEXT NOT NULL PRIMARY KEY);
INSERT INTO news_languages (name) VALUES ('en'), ('ko'), ('zh'), ('ja'), ('ru'), ('mn');
ALTER TABLE news_summaries
    DROP CONSTRAINT news_summaries_language_check,
    ADD FOREIGN KEY (language) REFERENCES news_languages (name);
