//! What an upload request delivered: each batch records how many of its files were
//! stored and whether the request finished. A server killed in the middle of an upload
//! leaves the batch open; at the next start [`Store::close_interrupted_uploads`] marks it
//! finished with what arrived, so that its page says the upload was cut short instead of
//! "finished".

use serde::Serialize;
use sqlx::Row;

use crate::error::Result;
use crate::store::{now, Store};

/// How an upload request went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadState {
    /// The request is still storing files.
    Receiving,
    /// Every file of the request was stored.
    Complete,
    /// The request ended (server killed, connection lost, error) before every file was
    /// stored: `received` of `expected` arrived.
    CutShort,
}

/// What a batch's upload delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UploadStatus {
    pub state: UploadState,
    /// Files the upload request held.
    pub expected: i64,
    /// Files stored from it.
    pub received: i64,
}

impl Store {
    /// Starts tracking a batch's upload: nothing received yet, not finished.
    pub async fn begin_upload(&self, batch_id: &str) -> Result<()> {
        sqlx::query("UPDATE batches SET received_count = 0 WHERE id = $1")
            .bind(batch_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records that `received` files of the batch are stored.
    pub async fn upload_received(&self, batch_id: &str, received: usize) -> Result<()> {
        sqlx::query("UPDATE batches SET received_count = $2 WHERE id = $1")
            .bind(batch_id)
            .bind(received as i64)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Marks the upload request as over (whether or not every file arrived).
    pub async fn finish_upload(&self, batch_id: &str) -> Result<()> {
        sqlx::query("UPDATE batches SET upload_finished_at = $2 WHERE id = $1")
            .bind(batch_id)
            .bind(now())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Closes uploads left open by a server that stopped in their middle; returns how
    /// many. Call at start-up, before serving.
    pub async fn close_interrupted_uploads(&self) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE batches SET upload_finished_at = $1
             WHERE received_count IS NOT NULL AND upload_finished_at IS NULL",
        )
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    /// A batch's upload status (`None`: no such batch). Batches from before this was
    /// tracked count as complete.
    pub async fn upload_status(&self, batch_id: &str) -> Result<Option<UploadStatus>> {
        let row = sqlx::query(
            "SELECT file_count, received_count, upload_finished_at FROM batches WHERE id = $1",
        )
        .bind(batch_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else {
            return Ok(None);
        };
        let expected: i64 = r.try_get("file_count")?;
        let received: Option<i64> = r.try_get("received_count")?;
        let finished: Option<String> = r.try_get("upload_finished_at")?;
        let (state, received) = match (received, finished) {
            (None, _) => (UploadState::Complete, expected),
            (Some(n), None) => (UploadState::Receiving, n),
            (Some(n), Some(_)) if n >= expected => (UploadState::Complete, n),
            (Some(n), Some(_)) => (UploadState::CutShort, n),
        };
        Ok(Some(UploadStatus {
            state,
            expected,
            received,
        }))
    }
}
