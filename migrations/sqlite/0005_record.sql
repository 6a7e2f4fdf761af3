-- The record of an assembly: members' presentations, the news summary per language with its
-- attachments. Outcomes, reports and the declaration have their tables since 0001.

CREATE TABLE presentations (
    id             INTEGER PRIMARY KEY,
    assembly_id    INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    member_id      INTEGER NOT NULL REFERENCES members (id),
    topic          TEXT
);
CREATE INDEX presentations_by_assembly ON presentations (assembly_id);

-- One news summary per assembly and language: a generated draft the secretariat edits, then
-- publishes. Publishing keeps the text; editing a published summary keeps it published.
CREATE TABLE news_summaries (
    id           INTEGER PRIMARY KEY,
    assembly_id  INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    language     TEXT NOT NULL CHECK (language IN ('en', 'ko', 'zh', 'ja', 'ru', 'mn')),
    headline     TEXT NOT NULL,
    lead         TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    updated_at   TEXT NOT NULL,
    published_at TEXT,
    CONSTRAINT one_summary_per_language UNIQUE (assembly_id, language)
);

-- Photos of an assembly's news: the type and size are checked by the application and again here.
CREATE TABLE news_attachments (
    id           INTEGER PRIMARY KEY,
    assembly_id  INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size         INTEGER NOT NULL CHECK (size BETWEEN 1 AND 5242880),
    caption      TEXT,
    data         BLOB NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX news_attachments_by_assembly ON news_attachments (assembly_id);
