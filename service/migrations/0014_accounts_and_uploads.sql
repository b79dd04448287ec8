-- Account security and interrupted uploads (issue 14). Portable SQL (SQLite and PostgreSQL).
--
-- users.disabled_at: a disabled user cannot log in, and their sessions and tokens stop
-- working at once. api_tokens: an expiry (NULL for tokens made before this migration)
-- and a revocation time; tokens are listed and revoked by the first 12 hex digits of
-- their hash. batches.received_count / upload_finished_at: how many files of an upload
-- were stored, and whether the request finished; a batch whose upload never finished is
-- reported as cut short instead of "finished".
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
ALTER TABLE batches ADD COLUMN received_count BIGINT;
ALTER TABLE batches ADD COLUMN upload_finished_at TEXT;
CREATE INDEX sessions_username ON sessions (username);
CREATE INDEX audit_log_nhs_number ON audit_log (nhs_number);
