-- Account security. A user's session epoch moves whenever their sessions must end (a password
-- reset or change, a deactivation); a session remembers the epoch it began in and is good only
-- while the two agree. API tokens expire; the tokens issued before this migration get 90 days.

ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '+90 days')
    WHERE expires_at IS NULL;
