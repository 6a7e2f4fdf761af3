-- API tokens always expire. PostgreSQL's 0006 already made expires_at NOT NULL; SQLite's 0008
-- rebuilds its table to say the same, and this keeps the two engines' versions in step.

ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
