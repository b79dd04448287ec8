-- The service: users and their sessions and API tokens, the audit log, the work queue
-- (batches of uploads, OCR and triage jobs) and triage suggestions with the reviewer's
-- decision. Portable SQL: the same migration runs on SQLite and PostgreSQL. Ids are text
-- (random hex) so that no autoincrement syntax is needed; times are RFC 3339 UTC text.

CREATE TABLE users (
    username        TEXT PRIMARY KEY,
    password_hash   TEXT NOT NULL,           -- argon2id PHC string
    role            TEXT NOT NULL,           -- records_staff | consultant | clinician | data_scientist | admin
    created_at      TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash      TEXT PRIMARY KEY,        -- sha256 of the cookie value, hex
    username        TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    csrf_token      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE api_tokens (
    token_hash      TEXT PRIMARY KEY,        -- sha256 of the bearer token, hex
    username        TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    last_used_at    TEXT
);

CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY,
    at              TEXT NOT NULL,
    username        TEXT NOT NULL,
    action          TEXT NOT NULL,           -- search | view_document | view_page | view_page_image | correct_page | triage_accept | triage_override | ...
    nhs_number      TEXT,
    document_id     TEXT,
    page_number     BIGINT,
    detail          TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE batches (
    id              TEXT PRIMARY KEY,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    file_count      BIGINT NOT NULL
);

CREATE TABLE jobs (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,           -- ocr | triage
    document_id     TEXT,                    -- NULL when the upload was refused before storing
    batch_id        TEXT REFERENCES batches (id) ON DELETE CASCADE,
    file_name       TEXT,
    status          TEXT NOT NULL,           -- queued | running | done | failed
    attempts        BIGINT NOT NULL DEFAULT 0,
    lease_until     TEXT,
    worker          TEXT,
    error           TEXT,
    note            TEXT,                    -- e.g. "already stored"
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX jobs_claim ON jobs (status, created_at);
CREATE INDEX jobs_batch ON jobs (batch_id);
CREATE INDEX jobs_document ON jobs (document_id);

CREATE TABLE triage_suggestions (
    document_id     TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    model           TEXT NOT NULL,
    suggested_urgency TEXT NOT NULL,
    suggested_pathway TEXT NOT NULL,
    urgency_probabilities TEXT NOT NULL,     -- JSON [[label, p], ...]
    pathway_probabilities TEXT NOT NULL,
    p_low_risk      DOUBLE PRECISION NOT NULL,
    red_flags       TEXT NOT NULL,           -- JSON [{rule, start, end, text}, ...]
    routing_decision TEXT NOT NULL,          -- auto_route | review
    routing_reason  TEXT NOT NULL,
    status          TEXT NOT NULL,           -- awaiting_review | accepted | overridden | auto_routed
    reviewer        TEXT,
    final_urgency   TEXT,
    final_pathway   TEXT,
    reason          TEXT,
    created_at      TEXT NOT NULL,
    decided_at      TEXT
);
CREATE INDEX triage_suggestions_status ON triage_suggestions (status, created_at);
