//! Page-level reading and correction: one page, the queue of poorly read pages, and
//! records staff's corrections of a page's text (which the indexer then picks up).

use serde::Serialize;
use sqlx::Row;

use crate::error::Result;
use crate::store::{now, PageRecord, Store};

/// A page waiting for a person to check its OCR.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    pub document_id: String,
    pub page_number: u32,
    pub file_name: String,
    pub nhs_number: Option<String>,
    pub mean_confidence: f64,
    pub word_count: i64,
}

impl Store {
    /// One page of a document.
    pub async fn page(&self, document_id: &str, page_number: u32) -> Result<Option<PageRecord>> {
        Ok(self
            .pages(document_id)
            .await?
            .into_iter()
            .find(|p| p.page_number == page_number))
    }

    /// Pages marked for review, least confident first.
    pub async fn review_queue(&self, limit: u32) -> Result<Vec<ReviewItem>> {
        let rows = sqlx::query(
            "SELECT p.document_id, p.page_number, d.file_name, d.nhs_number,
                    p.mean_confidence, p.word_count
             FROM pages p JOIN documents d ON d.id = p.document_id
             WHERE p.needs_review = 1
             ORDER BY p.mean_confidence, p.document_id, p.page_number LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReviewItem {
                    document_id: r.try_get(0)?,
                    page_number: r.try_get::<i64, _>(1)? as u32,
                    file_name: r.try_get(2)?,
                    nhs_number: r.try_get(3)?,
                    mean_confidence: r.try_get(4)?,
                    word_count: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// Replaces a page's text with a person's correction: the page no longer needs review,
    /// and the document is marked changed so the indexer re-reads it. Returns false when
    /// the page does not exist.
    pub async fn correct_page_text(
        &self,
        document_id: &str,
        page_number: u32,
        text: &str,
    ) -> Result<bool> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE pages SET text = $3, source = 'corrected', needs_review = 0
             WHERE document_id = $1 AND page_number = $2",
        )
        .bind(document_id)
        .bind(i64::from(page_number))
        .bind(text)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query(
            "UPDATE documents SET updated_at = $2,
                 pages_needing_review = (SELECT COUNT(*) FROM pages
                                         WHERE document_id = $1 AND needs_review = 1)
             WHERE id = $1",
        )
        .bind(document_id)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
