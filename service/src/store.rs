//! The system of record: documents and pages in SQLite (the embedded default, one file in
//! the data directory, WAL mode) or PostgreSQL (shared by several servers and workers).
//!
//! Both go through sqlx's `Any` driver with portable SQL (`$n` parameters, `ON CONFLICT`),
//! so the same code and the same tests run on each.

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};
use types::{DocumentType, Extraction, PageText};

use crate::error::{Error, Result};

/// `SELECT <every document column> FROM documents <tail>`, the columns
/// [`document_from_row`] reads by name.
macro_rules! select_documents {
    ($tail:literal) => {
        concat!(
            "SELECT id, file_name, format, size_bytes, status, error, page_count,
                pages_needing_review, nhs_number, date_of_birth, letter_date, document_type,
                nhs_number_to_confirm, nhs_number_confidence, created_at, updated_at,
                (SELECT COUNT(*) FROM pages p WHERE p.document_id = documents.id) AS stored_pages
             FROM documents ",
            $tail
        )
    };
}

/// One set of portable migrations serves both backends (split per backend only when a
/// statement has to differ).
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Processing state of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentStatus {
    Processing,
    Done,
    Failed,
}

impl DocumentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Processing => "processing",
            DocumentStatus::Done => "done",
            DocumentStatus::Failed => "failed",
        }
    }
}

impl FromStr for DocumentStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "processing" => Ok(DocumentStatus::Processing),
            "done" => Ok(DocumentStatus::Done),
            "failed" => Ok(DocumentStatus::Failed),
            other => Err(Error::Corrupt(format!("unknown document status {other:?}"))),
        }
    }
}

/// A document as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRecord {
    pub id: String,
    pub file_name: String,
    pub format: Option<String>,
    pub size_bytes: i64,
    pub status: DocumentStatus,
    pub error: Option<String>,
    pub page_count: Option<i64>,
    pub pages_needing_review: i64,
    pub nhs_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub letter_date: Option<NaiveDate>,
    pub document_type: Option<DocumentType>,
    /// A number read with too little confidence to be stored as `nhs_number`, held for
    /// records staff to confirm against the page.
    pub nhs_number_to_confirm: Option<String>,
    /// How confidently OCR read the number (stored or held), 0-100.
    pub nhs_number_confidence: Option<f64>,
    pub created_at: String,
    pub updated_at: String,
    /// Pages actually stored (equals `page_count` once the document is done).
    pub stored_pages: i64,
}

/// A page as stored (words are kept as compact JSON and decoded on demand).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageRecord {
    pub document_id: String,
    pub page_number: u32,
    pub source: String,
    pub text: String,
    pub mean_confidence: f64,
    pub needs_review: bool,
    pub word_count: i64,
    pub words_json: String,
    pub width: i64,
    pub height: i64,
    pub dpi: i64,
    pub rotation_degrees: i64,
    pub skew_degrees: f64,
}

impl PageRecord {
    /// The page's words, decoded from their compact JSON (`[text, confidence, x, y, w, h]`
    /// each); a page whose JSON does not decode has none.
    pub fn words(&self) -> Vec<types::Word> {
        let raw: Vec<(String, f32, u32, u32, u32, u32)> =
            serde_json::from_str(&self.words_json).unwrap_or_default();
        raw.into_iter()
            .map(|(text, confidence, x, y, w, h)| types::Word {
                text,
                confidence,
                bbox: types::BBox { x, y, w, h },
                in_dictionary: None,
            })
            .collect()
    }
}

/// How a document's page texts are joined into its text: a form feed on a line of its own.
pub fn join_page_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    texts.into_iter().collect::<Vec<_>>().join("\n\x0c\n")
}

/// What is known of a new file before its pages are read.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub id: &'a str,
    pub file_name: &'a str,
    pub path: &'a str,
    pub format: Option<&'a str>,
    pub size_bytes: u64,
}

/// Fields records staff can correct on a document.
#[derive(Debug, Clone, Default)]
pub struct Correction {
    pub nhs_number: Option<String>,
    pub document_type: Option<DocumentType>,
    pub letter_date: Option<NaiveDate>,
    pub date_of_birth: Option<NaiveDate>,
}

/// The current time as stored (RFC 3339, UTC, milliseconds): sorts as text.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Handle on the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Opens (creating if needed) the embedded SQLite database at `path`.
    pub async fn open_sqlite(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Store::connect(&format!("sqlite://{}?mode=rwc", path.display())).await
    }

    /// Connects to `sqlite://...` or `postgres://...` and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(Error::UnsupportedDatabase {
                url: url.to_string(),
            });
        };
        let mut options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
        if backend == Backend::Sqlite {
            options = options.max_connections(4).after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    Ok(())
                })
            });
        } else {
            options = options.max_connections(8);
        }
        let pool = options.connect(url).await?;
        let store = Store { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<()> {
        MIGRATIONS.run(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Records a file: creates the document (status `processing`) unless its content is
    /// already known, and remembers the path. Returns the stored document.
    pub async fn begin_document(&self, doc: &NewDocument<'_>) -> Result<DocumentRecord> {
        let at = now();
        sqlx::query(
            "INSERT INTO documents (id, file_name, format, size_bytes, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'processing', $5, $5)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(doc.id)
        .bind(doc.file_name)
        .bind(doc.format)
        .bind(doc.size_bytes as i64)
        .bind(&at)
        .execute(&self.pool)
        .await?;
        sqlx::query(
            "INSERT INTO document_files (document_id, path, first_seen_at) VALUES ($1, $2, $3)
             ON CONFLICT (document_id, path) DO NOTHING",
        )
        .bind(doc.id)
        .bind(doc.path)
        .bind(&at)
        .execute(&self.pool)
        .await?;
        self.document(doc.id)
            .await?
            .ok_or_else(|| Error::Corrupt(format!("document {} vanished after insert", doc.id)))
    }

    /// Puts a failed document back to `processing` before it is tried again.
    pub async fn retry_document(&self, id: &str) -> Result<()> {
        sqlx::query(
            "UPDATE documents SET status = 'processing', error = NULL, updated_at = $2
             WHERE id = $1 AND status = 'failed'",
        )
        .bind(id)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn document(&self, id: &str) -> Result<Option<DocumentRecord>> {
        let row = sqlx::query(select_documents!("WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| document_from_row(&r)).transpose()
    }

    /// All documents, newest first.
    pub async fn documents(&self) -> Result<Vec<DocumentRecord>> {
        let rows = sqlx::query(select_documents!("ORDER BY created_at DESC, id"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(document_from_row).collect()
    }

    /// Stores one page exactly once: a second insert of the same page is ignored.
    /// Returns whether this call stored it.
    pub async fn store_page(&self, document_id: &str, page: &PageText) -> Result<bool> {
        self.store_page_for_review(document_id, page, None).await
    }

    /// Stores a page as [`Store::store_page`] does, marked for review with `review_reason`
    /// when one is given (its image data is damaged), in the same statement.
    pub async fn store_page_for_review(
        &self,
        document_id: &str,
        page: &PageText,
        review_reason: Option<&str>,
    ) -> Result<bool> {
        let words: Vec<(&str, f32, u32, u32, u32, u32)> = page
            .words
            .iter()
            .map(|w| {
                (
                    w.text.as_str(),
                    (w.confidence * 10.0).round() / 10.0,
                    w.bbox.x,
                    w.bbox.y,
                    w.bbox.w,
                    w.bbox.h,
                )
            })
            .collect();
        let words_json = serde_json::to_string(&words)
            .map_err(|e| Error::Corrupt(format!("cannot encode words: {e}")))?;
        let done = sqlx::query(
            "INSERT INTO pages (document_id, page_number, source, text, mean_confidence,
                 needs_review, word_count, words, width, height, dpi, rotation_degrees,
                 skew_degrees, ink_ratio, ocr_millis, created_at, review_reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             ON CONFLICT (document_id, page_number) DO NOTHING",
        )
        .bind(document_id)
        .bind(i64::from(page.page))
        .bind(page.source.as_str())
        .bind(&page.text)
        .bind(f64::from(page.mean_confidence))
        .bind(i64::from(page.needs_review || review_reason.is_some()))
        .bind(page.words.len() as i64)
        .bind(words_json)
        .bind(i64::from(page.width))
        .bind(i64::from(page.height))
        .bind(i64::from(page.dpi))
        .bind(i64::from(page.rotation_degrees))
        .bind(f64::from(page.skew_degrees))
        .bind(f64::from(page.ink_ratio))
        .bind(page.elapsed_ms as i64)
        .bind(now())
        .bind(review_reason)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Page numbers already stored for a document.
    pub async fn stored_page_numbers(&self, document_id: &str) -> Result<Vec<u32>> {
        let rows = sqlx::query(
            "SELECT page_number FROM pages WHERE document_id = $1 ORDER BY page_number",
        )
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| integer(r, "pages", "page_number", "a page number"))
            .collect()
    }

    /// A document's pages in order.
    pub async fn pages(&self, document_id: &str) -> Result<Vec<PageRecord>> {
        let rows = sqlx::query(
            "SELECT document_id, page_number, source, text, mean_confidence, needs_review,
                    word_count, words, width, height, dpi, rotation_degrees, skew_degrees
             FROM pages WHERE document_id = $1 ORDER BY page_number",
        )
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PageRecord {
                    document_id: r.try_get("document_id")?,
                    page_number: integer(r, "pages", "page_number", "a page number")?,
                    source: r.try_get("source")?,
                    text: r.try_get("text")?,
                    mean_confidence: r.try_get("mean_confidence")?,
                    needs_review: r.try_get::<i64, _>("needs_review")? != 0,
                    word_count: r.try_get("word_count")?,
                    words_json: r.try_get("words")?,
                    width: r.try_get("width")?,
                    height: r.try_get("height")?,
                    dpi: r.try_get("dpi")?,
                    rotation_degrees: r.try_get("rotation_degrees")?,
                    skew_degrees: r.try_get("skew_degrees")?,
                })
            })
            .collect()
    }

    /// Marks a document done with its page count and the fields extracted from its text.
    pub async fn finish_document(
        &self,
        id: &str,
        page_count: u32,
        extraction: &Extraction,
    ) -> Result<()> {
        let review: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM pages WHERE document_id = $1 AND needs_review = 1",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        sqlx::query(
            "UPDATE documents SET status = 'done', error = NULL, page_count = $2,
                 pages_needing_review = $3, nhs_number = $4, date_of_birth = $5,
                 letter_date = $6, document_type = $7, updated_at = $8,
                 nhs_number_to_confirm = $9, nhs_number_confidence = $10
             WHERE id = $1",
        )
        .bind(id)
        .bind(i64::from(page_count))
        .bind(review)
        .bind(extraction.nhs_number.as_deref())
        .bind(extraction.date_of_birth.map(|d| d.to_string()))
        .bind(extraction.letter_date.map(|d| d.to_string()))
        .bind(extraction.document_type.as_str())
        .bind(now())
        .bind(extraction.nhs_number_to_confirm.as_deref())
        .bind(extraction.nhs_number_confidence.map(f64::from))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks a document failed with the reason records staff will see. Pages already
    /// stored are kept.
    pub async fn fail_document(
        &self,
        id: &str,
        page_count: Option<u32>,
        reason: &str,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE documents SET status = 'failed', error = $2,
                 page_count = COALESCE($3, page_count), updated_at = $4
             WHERE id = $1",
        )
        .bind(id)
        .bind(reason)
        .bind(page_count.map(i64::from))
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The concatenated text of a document's pages, separated by form feeds.
    pub async fn document_text(&self, id: &str) -> Result<String> {
        let rows =
            sqlx::query("SELECT text FROM pages WHERE document_id = $1 ORDER BY page_number")
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        let texts: Vec<String> = rows
            .iter()
            .map(|r| r.try_get::<String, _>("text"))
            .collect::<Result<_, _>>()?;
        Ok(join_page_texts(texts.iter().map(String::as_str)))
    }

    /// Documents whose index entry is missing or older than their record, oldest first.
    pub async fn documents_to_index(&self, limit: u32) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT id FROM documents
             WHERE status = 'done' AND (indexed_at IS NULL OR indexed_at < updated_at)
             ORDER BY updated_at LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// Records that `ids` were indexed as they stood at `as_of` (a time taken before they
    /// were read, so a change made meanwhile is indexed again).
    pub async fn mark_indexed(&self, ids: &[String], as_of: &str) -> Result<()> {
        for id in ids {
            sqlx::query("UPDATE documents SET indexed_at = $2 WHERE id = $1")
                .bind(id)
                .bind(as_of)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// How many documents the index should hold (done and indexed at least once).
    pub async fn count_indexed(&self) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM documents WHERE status = 'done' AND indexed_at IS NOT NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("n")?)
    }

    /// Forgets every index entry, so that the next sync rewrites the whole index.
    pub async fn mark_all_unindexed(&self) -> Result<()> {
        sqlx::query("UPDATE documents SET indexed_at = NULL")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ids of the given documents that exist in the store.
    pub async fn existing_ids(&self, ids: &[String]) -> Result<Vec<String>> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let row = sqlx::query("SELECT id FROM documents WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
            if row.is_some() {
                found.push(id.clone());
            }
        }
        Ok(found)
    }

    /// Deletes a document, its pages and the paths it was seen under. Returns whether it
    /// existed.
    pub async fn delete_document(&self, id: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM pages WHERE document_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM document_files WHERE document_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM documents WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// Counts of documents by status and of pages.
    pub async fn counts(&self) -> Result<StoreCounts> {
        Ok(sqlx::query_as(
            "SELECT
                (SELECT COUNT(*) FROM documents) AS documents,
                (SELECT COUNT(*) FROM documents WHERE status = 'done') AS done,
                (SELECT COUNT(*) FROM documents WHERE status = 'failed') AS failed,
                (SELECT COUNT(*) FROM pages) AS pages,
                (SELECT COUNT(*) FROM pages WHERE needs_review = 1) AS pages_needing_review,
                (SELECT COUNT(*) FROM documents
                 WHERE nhs_number_to_confirm IS NOT NULL AND nhs_number IS NULL)
                    AS nhs_numbers_to_confirm",
        )
        .fetch_one(&self.pool)
        .await?)
    }
}

/// Totals across the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StoreCounts {
    pub documents: i64,
    pub done: i64,
    pub failed: i64,
    pub pages: i64,
    pub pages_needing_review: i64,
    /// Documents whose NHS number was read too unsurely to store: held for confirmation.
    pub nhs_numbers_to_confirm: i64,
}

/// A stored value that is not what its column holds: an error naming the table, the column
/// and the value (`what` says what the column should hold), never an empty field.
pub(crate) fn corrupt(table: &str, column: &str, value: &dyn fmt::Debug, what: &str) -> Error {
    Error::Corrupt(format!(
        "{table}.{column} holds {value:?}, which is not {what}"
    ))
}

/// Text column `column` of a `table` row, read by name and parsed by `parse`; text that
/// does not parse is a [`corrupt`] error.
pub(crate) fn parse_text<T, E>(
    r: &AnyRow,
    table: &str,
    column: &str,
    what: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> Result<T> {
    let value: String = r.try_get(column)?;
    parse(&value).map_err(|_| corrupt(table, column, &value, what))
}

/// [`parse_text`] for a column that may be NULL, which stays `None`.
pub(crate) fn parse_optional_text<T, E>(
    r: &AnyRow,
    table: &str,
    column: &str,
    what: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> Result<Option<T>> {
    let value: Option<String> = r.try_get(column)?;
    value
        .map(|v| parse(&v).map_err(|_| corrupt(table, column, &v, what)))
        .transpose()
}

/// Integer column `column` of a `table` row, read by name, that must fit `T` (a page
/// number in a `u32`); a value that does not fit is a [`corrupt`] error, never wrapped.
pub(crate) fn integer<T: TryFrom<i64>>(
    r: &AnyRow,
    table: &str,
    column: &str,
    what: &str,
) -> Result<T> {
    let value: i64 = r.try_get(column)?;
    T::try_from(value).map_err(|_| corrupt(table, column, &value, what))
}

/// A stored `YYYY-MM-DD` date.
fn date(s: &str) -> chrono::ParseResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
}

fn document_from_row(r: &AnyRow) -> Result<DocumentRecord> {
    const T: &str = "documents";
    Ok(DocumentRecord {
        id: r.try_get("id")?,
        file_name: r.try_get("file_name")?,
        format: r.try_get("format")?,
        size_bytes: r.try_get("size_bytes")?,
        status: parse_text(r, T, "status", "a document status", str::parse)?,
        error: r.try_get("error")?,
        page_count: r.try_get("page_count")?,
        pages_needing_review: r.try_get("pages_needing_review")?,
        nhs_number: r.try_get("nhs_number")?,
        date_of_birth: parse_optional_text(r, T, "date_of_birth", "a YYYY-MM-DD date", date)?,
        letter_date: parse_optional_text(r, T, "letter_date", "a YYYY-MM-DD date", date)?,
        document_type: parse_optional_text(
            r,
            T,
            "document_type",
            "a document type",
            str::parse::<DocumentType>,
        )?,
        nhs_number_to_confirm: r.try_get("nhs_number_to_confirm")?,
        nhs_number_confidence: r.try_get("nhs_number_confidence")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        stored_pages: r.try_get("stored_pages")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{JobKind, JobStatus, NewJob};
    use crate::suggestions::{NewSuggestion, StoredFlag};

    /// Asserts that `result` is an error whose message contains `needle`.
    fn fails_naming<T: fmt::Debug>(result: Result<T>, needle: &str) {
        match result {
            Ok(v) => panic!("read {v:?} where an error naming {needle} was expected"),
            Err(e) => assert!(e.to_string().contains(needle), "{e}"),
        }
    }

    /// Values our code never stores, written straight into rows with SQL: every read of
    /// them is an error naming the table, the column and the value, never an empty field
    /// or a default. NULL in an optional column stays `None`.
    async fn bad_stored_values_are_errors_naming_the_column(store: &Store) -> anyhow::Result<()> {
        let pool = store.pool();
        let insert = "INSERT INTO documents (id, file_name, size_bytes, status, date_of_birth, \
                      document_type, created_at, updated_at) \
                      VALUES ($1, 'a.png', 1, 'done', $2, $3, 't', 't')";
        sqlx::query(insert)
            .bind("good")
            .bind("1950-02-01")
            .bind("referral_letter")
            .execute(pool)
            .await?;
        let good = store.document("good").await?.expect("stored");
        assert_eq!(good.date_of_birth, NaiveDate::from_ymd_opt(1950, 2, 1));
        assert_eq!(good.letter_date, None, "NULL stays None");
        assert_eq!(good.document_type, Some(DocumentType::ReferralLetter));
        assert_eq!(good.status, DocumentStatus::Done);
        assert_eq!(good.stored_pages, 0);

        // Dates, document types and statuses stored as text.
        sqlx::query(insert)
            .bind("bad")
            .bind("01/02/1950")
            .bind("referral_letter")
            .execute(pool)
            .await?;
        fails_naming(
            store.document("bad").await,
            "documents.date_of_birth holds \"01/02/1950\"",
        );
        fails_naming(store.documents().await, "documents.date_of_birth");
        sqlx::query(
            "UPDATE documents SET date_of_birth = NULL, letter_date = '2024-02-30' \
             WHERE id = 'bad'",
        )
        .execute(pool)
        .await?;
        fails_naming(
            store.document("bad").await,
            "documents.letter_date holds \"2024-02-30\"",
        );
        sqlx::query(
            "UPDATE documents SET letter_date = NULL, document_type = 'shopping_list' \
             WHERE id = 'bad'",
        )
        .execute(pool)
        .await?;
        fails_naming(
            store.document("bad").await,
            "documents.document_type holds \"shopping_list\"",
        );
        sqlx::query(
            "UPDATE documents SET document_type = NULL, status = 'archived' WHERE id = 'bad'",
        )
        .execute(pool)
        .await?;
        fails_naming(
            store.document("bad").await,
            "documents.status holds \"archived\"",
        );
        sqlx::query("DELETE FROM documents WHERE id = 'bad'")
            .execute(pool)
            .await?;

        // A page number that does not fit is not wrapped into another page's.
        let page = PageText {
            page: 1,
            text: "Dear Dr Smith".into(),
            words: Vec::new(),
            mean_confidence: 40.0,
            needs_review: true,
            review_reason: None,
            source: types::TextSource::Ocr,
            width: 100,
            height: 100,
            dpi: 300,
            rotation_degrees: 0,
            skew_degrees: 0.0,
            ink_ratio: 0.1,
            unread_text: 0.0,
            elapsed_ms: 1,
        };
        store.store_page("good", &page).await?;
        assert_eq!(store.stored_page_numbers("good").await?, [1]);
        sqlx::query("UPDATE pages SET page_number = -1 WHERE document_id = 'good'")
            .execute(pool)
            .await?;
        fails_naming(store.pages("good").await, "pages.page_number holds -1");
        fails_naming(store.stored_page_numbers("good").await, "pages.page_number");
        fails_naming(store.review_queue(10).await, "pages.page_number");
        sqlx::query("DELETE FROM pages").execute(pool).await?;

        // Job kinds and statuses.
        let job = store
            .add_job(&NewJob {
                kind: JobKind::Ocr,
                document_id: Some("good"),
                batch_id: None,
                file_name: None,
                status: JobStatus::Queued,
                error: None,
                note: None,
            })
            .await?;
        assert_eq!(store.queue_counts().await?.queued, 1);
        sqlx::query("UPDATE jobs SET status = 'paused' WHERE id = $1")
            .bind(&job)
            .execute(pool)
            .await?;
        fails_naming(store.job(&job).await, "jobs.status holds \"paused\"");
        fails_naming(store.queue_counts().await, "jobs.status holds \"paused\"");
        sqlx::query("UPDATE jobs SET status = 'queued', kind = 'fax' WHERE id = $1")
            .bind(&job)
            .execute(pool)
            .await?;
        fails_naming(store.job(&job).await, "jobs.kind holds \"fax\"");
        fails_naming(
            store.claim_job("w", Duration::from_secs(60)).await,
            "jobs.kind",
        );
        sqlx::query("DELETE FROM jobs").execute(pool).await?;

        // Roles.
        store
            .put_user("ann", "no password", crate::accounts::Role::Clinician)
            .await?;
        sqlx::query("UPDATE users SET role = 'root' WHERE username = 'ann'")
            .execute(pool)
            .await?;
        fails_naming(store.user("ann").await, "users.role holds \"root\"");
        fails_naming(store.users().await, "users.role");
        fails_naming(store.accounts().await, "users.role holds \"root\"");
        sqlx::query("DELETE FROM users").execute(pool).await?;

        // JSON and statuses of triage suggestions; the red flags quote the letter, so the
        // message names the column but does not repeat the value.
        let probabilities = [("urgent".to_string(), 0.9), ("routine".to_string(), 0.1)];
        let flags = [StoredFlag {
            rule: "weight_loss".into(),
            start: 0,
            end: 4,
            text: "lost 6 kg".into(),
        }];
        store
            .store_suggestion(&NewSuggestion {
                document_id: "good",
                model: "m",
                urgency: "urgent",
                pathway: "colorectal",
                urgency_probabilities: &probabilities,
                pathway_probabilities: &probabilities,
                p_low_risk: 0.1,
                red_flags: &flags,
                auto_routed: false,
                routing_reason: "red flag",
            })
            .await?;
        let stored = store.triage_suggestion("good").await?.expect("stored");
        assert_eq!(stored.red_flags, flags);
        assert_eq!(stored.file_name.as_deref(), Some("a.png"));
        sqlx::query("UPDATE triage_suggestions SET red_flags = '[{\"rule\": \"weight lo'")
            .execute(pool)
            .await?;
        let err = store.triage_suggestion("good").await.expect_err("bad JSON");
        assert!(
            err.to_string().contains("triage_suggestions.red_flags"),
            "{err}"
        );
        assert!(!err.to_string().contains("weight"), "{err}");
        sqlx::query("UPDATE triage_suggestions SET red_flags = '[]', status = 'maybe'")
            .execute(pool)
            .await?;
        fails_naming(
            store.triage_suggestion("good").await,
            "triage_suggestions.status holds \"maybe\"",
        );
        Ok(())
    }

    #[tokio::test]
    async fn bad_stored_values_are_errors_on_sqlite() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open_sqlite(&dir.path().join("t.db")).await?;
        bad_stored_values_are_errors_naming_the_column(&store).await
    }

    #[tokio::test]
    #[cfg_attr(
        not(paperlite_postgres),
        ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
    )]
    async fn bad_stored_values_are_errors_on_postgres() -> anyhow::Result<()> {
        use sqlx::Connection;
        let url = std::env::var("PAPERLITE_TEST_POSTGRES_URL")
            .map_err(|_| anyhow::anyhow!("PAPERLITE_TEST_POSTGRES_URL is not set"))?;
        let name = format!(
            "paperlite_rows_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)?
                .subsec_nanos()
        );
        let mut admin = sqlx::PgConnection::connect(&url).await?;
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await?;
        let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
        let result = async {
            let store = Store::connect(&format!("{base}/{name}")).await?;
            let r = bad_stored_values_are_errors_naming_the_column(&store).await;
            store.close().await;
            r
        }
        .await;
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .await?;
        result
    }
}
