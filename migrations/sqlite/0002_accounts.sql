-- Accounts: organizers (secretariat) and delegates (bound to one member government), and the
-- API tokens organizers create. Sessions live in the tower-sessions store's own table.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('organizer', 'delegate')),
    member_id     INTEGER REFERENCES members (id),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    CHECK ((role = 'delegate') = (member_id IS NOT NULL))
);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    -- SHA-256 of the token, hex; the token itself is shown once and never stored.
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

ALTER TABLE assemblies ADD COLUMN cancellation_reason TEXT;
