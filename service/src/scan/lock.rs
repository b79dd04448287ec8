//! One scan at a time per store: two scans of the same folder started together would OCR
//! every page twice, and the second could not update the search index. The first takes the
//! lock; the second says so and waits for it.
//!
//! The lock is a `flock` on `scan.lock` in the data directory (beside `blobs/`), which the
//! kernel releases when the process dies, even on `kill -9`; on PostgreSQL also a session
//! advisory lock, so that scans from two machines sharing one database wait for each other.

use std::io::{Read, Seek, Write};
use std::os::fd::AsRawFd;

use sqlx::pool::PoolConnection;
use sqlx::Any;

use super::ScanProgress;
use crate::blobs::BlobStore;
use crate::error::{Error, Result};
use crate::store::{Backend, Store};

/// Key of the PostgreSQL advisory lock ("PLSCAN" in ASCII).
const PG_LOCK_KEY: i64 = 0x504c_5343_414e;

/// Held for the whole scan; dropping it releases the lock.
pub struct ScanLock {
    _file: std::fs::File,
    _pg: Option<PoolConnection<Any>>,
}

impl ScanLock {
    /// Takes the scan lock of this store, waiting (and telling `progress`) while another
    /// scan holds it.
    pub async fn acquire(
        store: &Store,
        blobs: &BlobStore,
        progress: &dyn ScanProgress,
    ) -> Result<ScanLock> {
        let path = blobs.root().with_file_name("scan.lock");
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        if !try_flock(&file, libc::LOCK_EX | libc::LOCK_NB) {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let who = if holder.is_empty() {
                "another scan".to_string()
            } else {
                format!("another scan ({holder})")
            };
            progress.waiting_for_lock(&format!(
                "{who} is using this store; waiting for it to finish"
            ));
            tracing::info!("{who} holds {}; waiting", path.display());
            file = tokio::task::spawn_blocking(move || {
                if try_flock(&file, libc::LOCK_EX) {
                    Ok(file)
                } else {
                    Err(std::io::Error::last_os_error())
                }
            })
            .await
            .map_err(|e| Error::Pipeline(e.to_string()))?
            .map_err(|e| Error::io(&path, e))?;
        }
        // Say who holds it, for the next scan's message.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "process {}", std::process::id());
        let _ = file.flush();

        let pg = if store.backend() == Backend::Postgres {
            let mut conn = store.pool().acquire().await?;
            let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                .bind(PG_LOCK_KEY)
                .fetch_one(&mut *conn)
                .await?;
            if !got {
                progress.waiting_for_lock(
                    "another scan is using this database (from another data directory or machine); waiting for it to finish",
                );
                sqlx::query("SELECT 1 FROM (SELECT pg_advisory_lock($1)) AS l")
                    .bind(PG_LOCK_KEY)
                    .execute(&mut *conn)
                    .await?;
            }
            Some(conn)
        } else {
            None
        };
        Ok(ScanLock {
            _file: file,
            _pg: pg,
        })
    }
}

impl Drop for ScanLock {
    fn drop(&mut self) {
        if let Some(mut conn) = self._pg.take() {
            // The session lock goes with the connection; close it rather than return a
            // locked session to the pool.
            conn.close_on_drop();
        }
    }
}

fn try_flock(file: &std::fs::File, op: libc::c_int) -> bool {
    // SAFETY: flock on a file descriptor this process owns for the call's duration.
    unsafe { libc::flock(file.as_raw_fd(), op) == 0 }
}
