//! Page-level reading and correction: one page, the queue of poorly read pages, and
//! records staff's corrections of a page's text (which the indexer then picks up).

use serde::Serialize;
use sqlx::Row;

use crate::error::Result;
use crate::store::{integer, PageRecord, Store};

/// A page waiting for a person to check its OCR.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    pub document_id: String,
    pub page_number: u32,
    pub file_name: String,
    pub nhs_number: Option<String>,
    pub mean_confidence: f64,
    pub word_count: i64,
    /// Why the page needs review beyond its confidence (e.g. "the image data stops at
    /// row 1,412 of 3,508").
    pub reason: Option<String>,
}

/// A document whose NHS number was read too unsurely to be stored as its patient's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberToConfirm {
    pub document_id: String,
    pub file_name: String,
    /// The number as read (it passes the modulus 11 check, but a digit may be misread).
    pub nhs_number_read: String,
    /// How confidently it was read, 0-100.
    pub confidence: Option<f64>,
    pub document_type: Option<String>,
}

impl Store {
    /// Documents holding an NHS number for records staff to confirm, least confident first.
    pub async fn numbers_to_confirm(&self, limit: u32) -> Result<Vec<NumberToConfirm>> {
        let rows = sqlx::query(
            "SELECT id, file_name, nhs_number_to_confirm, nhs_number_confidence, document_type
             FROM documents
             WHERE nhs_number_to_confirm IS NOT NULL AND nhs_number IS NULL
             ORDER BY nhs_number_confidence, id LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(NumberToConfirm {
                    document_id: r.try_get("id")?,
                    file_name: r.try_get("file_name")?,
                    nhs_number_read: r.try_get("nhs_number_to_confirm")?,
                    confidence: r.try_get("nhs_number_confidence")?,
                    document_type: r.try_get("document_type")?,
                })
            })
            .collect()
    }

    /// One page of a document.
    pub async fn page(&self, document_id: &str, page_number: u32) -> Result<Option<PageRecord>> {
        Ok(self
            .pages(document_id)
            .await?
            .into_iter()
            .find(|p| p.page_number == page_number))
    }

    /// Pages marked for review: damaged pages first, then least confident first.
    pub async fn review_queue(&self, limit: u32) -> Result<Vec<ReviewItem>> {
        let rows = sqlx::query(
            "SELECT p.document_id AS document_id, p.page_number AS page_number,
                    d.file_name AS file_name, d.nhs_number AS nhs_number,
                    p.mean_confidence AS mean_confidence, p.word_count AS word_count,
                    p.review_reason AS review_reason
             FROM pages p JOIN documents d ON d.id = p.document_id
             WHERE p.needs_review = 1
             ORDER BY CASE WHEN p.review_reason IS NULL THEN 1 ELSE 0 END,
                      p.mean_confidence, p.document_id, p.page_number LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReviewItem {
                    document_id: r.try_get("document_id")?,
                    page_number: integer(r, "pages", "page_number", "a page number")?,
                    file_name: r.try_get("file_name")?,
                    nhs_number: r.try_get("nhs_number")?,
                    mean_confidence: r.try_get("mean_confidence")?,
                    word_count: r.try_get("word_count")?,
                    reason: r.try_get("review_reason")?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{NewDocument, Store};

    fn page(n: u32, confidence: f32, needs_review: bool) -> types::PageText {
        types::PageText {
            page: n,
            text: "Dear Dr Smith".into(),
            words: Vec::new(),
            mean_confidence: confidence,
            needs_review,
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
        }
    }

    /// A page whose image data stops early is in the QA queue with its reason, ahead of the
    /// pages flagged for low confidence alone, whatever its own confidence.
    #[tokio::test]
    async fn damaged_pages_come_first_in_the_queue_with_their_reason() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open_sqlite(&dir.path().join("db.sqlite")).await?;
        store
            .begin_document(&NewDocument {
                id: "doc",
                file_name: "letter.jpg",
                path: "letter.jpg",
                format: Some("jpeg"),
                size_bytes: 10,
            })
            .await?;
        store.store_page("doc", &page(1, 60.0, true)).await?;
        let reason = "the image data stops at row 1,412 of 3,508";
        store
            .store_page_for_review("doc", &page(2, 95.0, false), Some(reason))
            .await?;
        store.store_page("doc", &page(3, 97.0, false)).await?;
        let queue = store.review_queue(10).await?;
        let pages: Vec<(u32, Option<&str>)> = queue
            .iter()
            .map(|i| (i.page_number, i.reason.as_deref()))
            .collect();
        assert_eq!(pages, [(2, Some(reason)), (1, None)]);
        Ok(())
    }
}
