-- Scanned documents (one row per distinct file content) and their pages.
-- Portable SQL: the same migrations run on SQLite and PostgreSQL.

CREATE TABLE documents (
    id              TEXT PRIMARY KEY,        -- sha256 of the original file, hex
    file_name       TEXT NOT NULL,           -- name of the first file seen with this content
    format          TEXT,                    -- png | jpeg | tiff | pdf, NULL when unrecognised
    size_bytes      BIGINT NOT NULL,
    status          TEXT NOT NULL,           -- processing | done | failed
    error           TEXT,                    -- why it failed, for records staff
    page_count      BIGINT,
    pages_needing_review BIGINT NOT NULL DEFAULT 0,
    nhs_number      TEXT,
    date_of_birth   TEXT,                    -- ISO 8601 date
    letter_date     TEXT,                    -- ISO 8601 date
    document_type   TEXT,
    created_at      TEXT NOT NULL,           -- RFC 3339 UTC
    updated_at      TEXT NOT NULL
);
CREATE INDEX documents_nhs_number ON documents (nhs_number);
CREATE INDEX documents_status ON documents (status);

-- Every path a document was scanned from (the same content may arrive under several names).
CREATE TABLE document_files (
    document_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    path            TEXT NOT NULL,
    first_seen_at   TEXT NOT NULL,
    PRIMARY KEY (document_id, path)
);

CREATE TABLE pages (
    document_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page_number     BIGINT NOT NULL,         -- 1-based
    source          TEXT NOT NULL,           -- ocr | text_layer
    text            TEXT NOT NULL,
    mean_confidence DOUBLE PRECISION NOT NULL,
    needs_review    BIGINT NOT NULL,         -- 0 or 1
    word_count      BIGINT NOT NULL,
    words           TEXT NOT NULL,           -- JSON: [[text, confidence, x, y, w, h], ...]
    width           BIGINT NOT NULL,
    height          BIGINT NOT NULL,
    dpi             BIGINT NOT NULL,
    rotation_degrees BIGINT NOT NULL,
    skew_degrees    DOUBLE PRECISION NOT NULL,
    ink_ratio       DOUBLE PRECISION NOT NULL,
    ocr_millis      BIGINT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (document_id, page_number)
);
CREATE INDEX pages_needs_review ON pages (needs_review);
