-- API tokens always expire: 0006 gave every earlier token a date and the code writes one with
-- every new token, but SQLite cannot add NOT NULL to an existing column, so expires_at stayed
-- nullable here while PostgreSQL's 0006 made it NOT NULL. The table is rebuilt with the
-- constraint. No table refers to api_tokens, so the rebuild is safe with foreign keys enforced.
-- A token without a date was never admitted (see accounts::token_admits); it keeps expired.

CREATE TABLE api_tokens_new (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    -- SHA-256 of the token, hex; the token itself is shown once and never stored.
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    expires_at TEXT NOT NULL
);
INSERT INTO api_tokens_new (id, user_id, name, token_hash, created_at, revoked_at, expires_at)
    SELECT id, user_id, name, token_hash, created_at, revoked_at, COALESCE(expires_at, created_at)
    FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
