-- Account security. A user's session epoch moves whenever their sessions must end (a password
-- reset or change, a deactivation); a session remembers the epoch it began in and is good only
-- while the two agree. API tokens expire; the tokens issued before this migration get 90 days.

ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
UPDATE api_tokens SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL;
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
