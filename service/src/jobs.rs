//! The work queue in the database: batches of uploaded files, and OCR and triage jobs.
//!
//! A worker claims one job at a time with a lease. PostgreSQL: `SELECT ... FOR UPDATE SKIP
//! LOCKED` and an `UPDATE` in one transaction, so workers on several machines never take
//! the same row. SQLite (one writer at a time): a single `UPDATE ... WHERE id = (SELECT
//! ...) RETURNING`. A job whose lease ran out (its worker crashed) is claimed again; every
//! later write by the old worker names it and is ignored, so a job's outcome is recorded
//! once. The work itself is idempotent (pages are inserted `ON CONFLICT DO NOTHING`, a
//! suggestion once per letter), so a retried job never stores anything twice.

use std::str::FromStr;
use std::time::Duration;

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::accounts::random_hex;
use crate::error::{Error, Result};
use crate::store::{now, parse_text, Backend, Store};

/// How often a job is tried before it is failed for good, unless the worker is told
/// otherwise (`[worker] max_attempts` in `paperlite.toml`).
pub const MAX_ATTEMPTS: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// OCR one uploaded document.
    Ocr,
    /// Triage one referral letter.
    Triage,
}

impl JobKind {
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Ocr => "ocr",
            JobKind::Triage => "triage",
        }
    }
}

impl FromStr for JobKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<JobKind> {
        match s {
            "ocr" => Ok(JobKind::Ocr),
            "triage" => Ok(JobKind::Triage),
            other => Err(Error::Corrupt(format!("unknown job kind {other:?}"))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    Failed,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }
}

impl FromStr for JobStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<JobStatus> {
        match s {
            "queued" => Ok(JobStatus::Queued),
            "running" => Ok(JobStatus::Running),
            "done" => Ok(JobStatus::Done),
            "failed" => Ok(JobStatus::Failed),
            other => Err(Error::Corrupt(format!("unknown job status {other:?}"))),
        }
    }
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    pub id: String,
    pub kind: JobKind,
    pub document_id: Option<String>,
    pub batch_id: Option<String>,
    pub file_name: Option<String>,
    pub status: JobStatus,
    pub attempts: i64,
    pub lease_until: Option<String>,
    pub worker: Option<String>,
    pub error: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A new job.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub kind: JobKind,
    pub document_id: Option<&'a str>,
    pub batch_id: Option<&'a str>,
    pub file_name: Option<&'a str>,
    /// `Queued` for work to do; `Done` or `Failed` for an upload settled on arrival.
    pub status: JobStatus,
    pub error: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// A batch of uploaded files.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Batch {
    pub id: String,
    pub created_by: String,
    pub created_at: String,
    pub file_count: i64,
}

/// Jobs by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct QueueCounts {
    pub queued: i64,
    pub running: i64,
    pub done: i64,
    pub failed: i64,
}

const JOB_COLUMNS: &str = "id, kind, document_id, batch_id, file_name, status, attempts, \
     lease_until, worker, error, note, created_at, updated_at";

fn job_from_row(r: &AnyRow) -> Result<Job> {
    Ok(Job {
        id: r.try_get("id")?,
        kind: parse_text(r, "jobs", "kind", "a job kind", str::parse)?,
        document_id: r.try_get("document_id")?,
        batch_id: r.try_get("batch_id")?,
        file_name: r.try_get("file_name")?,
        status: parse_text(r, "jobs", "status", "a job status", str::parse)?,
        attempts: r.try_get("attempts")?,
        lease_until: r.try_get("lease_until")?,
        worker: r.try_get("worker")?,
        error: r.try_get("error")?,
        note: r.try_get("note")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn time_after(d: Duration) -> String {
    let d = chrono::Duration::from_std(d).unwrap_or_else(|_| chrono::Duration::minutes(5));
    (chrono::Utc::now() + d).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A condition on `jobs` rows a worker may take: queued, or running with a lease that ran
/// out, and not yet tried too often. `$1` is the current time, `$2` the attempt limit, `$3`
/// 1 when the worker can run triage jobs (it has a model), else 0.
const CLAIMABLE: &str = "(status = 'queued' OR (status = 'running' AND lease_until < $1)) \
     AND attempts < $2 AND (kind = 'ocr' OR $3 = 1)";

impl Store {
    pub async fn create_batch(&self, created_by: &str, file_count: usize) -> Result<Batch> {
        let batch = Batch {
            id: random_hex(8)?,
            created_by: created_by.to_string(),
            created_at: now(),
            file_count: file_count as i64,
        };
        sqlx::query(
            "INSERT INTO batches (id, created_by, created_at, file_count) VALUES ($1, $2, $3, $4)",
        )
        .bind(&batch.id)
        .bind(&batch.created_by)
        .bind(&batch.created_at)
        .bind(batch.file_count)
        .execute(self.pool())
        .await?;
        Ok(batch)
    }

    pub async fn batch(&self, id: &str) -> Result<Option<Batch>> {
        Ok(sqlx::query_as(
            "SELECT id, created_by, created_at, file_count FROM batches WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The latest batches, newest first.
    pub async fn batches(&self, limit: u32) -> Result<Vec<Batch>> {
        Ok(sqlx::query_as(
            "SELECT id, created_by, created_at, file_count FROM batches
             ORDER BY created_at DESC, id LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?)
    }

    /// Adds a job; returns its id.
    pub async fn add_job(&self, job: &NewJob<'_>) -> Result<String> {
        let id = random_hex(12)?;
        let at = now();
        sqlx::query(
            "INSERT INTO jobs (id, kind, document_id, batch_id, file_name, status, attempts,
                 error, note, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $9)",
        )
        .bind(&id)
        .bind(job.kind.as_str())
        .bind(job.document_id)
        .bind(job.batch_id)
        .bind(job.file_name)
        .bind(job.status.as_str())
        .bind(job.error)
        .bind(job.note)
        .bind(&at)
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    pub async fn job(&self, id: &str) -> Result<Option<Job>> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| job_from_row(&r)).transpose()
    }

    /// A batch's jobs (its files, then any triage jobs they led to), in upload order.
    pub async fn batch_jobs(&self, batch_id: &str) -> Result<Vec<Job>> {
        let sql =
            format!("SELECT {JOB_COLUMNS} FROM jobs WHERE batch_id = $1 ORDER BY created_at, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(batch_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(job_from_row).collect()
    }

    /// Claims the oldest job a worker may take, leasing it for `lease`. Returns `None`
    /// when there is nothing to do.
    pub async fn claim_job(&self, worker: &str, lease: Duration) -> Result<Option<Job>> {
        self.claim_job_of(worker, lease, MAX_ATTEMPTS, true).await
    }

    /// [`Store::claim_job`] for a job tried at most `max_attempts` times, leaving triage
    /// jobs to other workers unless `triage`.
    pub async fn claim_job_of(
        &self,
        worker: &str,
        lease: Duration,
        max_attempts: u32,
        triage: bool,
    ) -> Result<Option<Job>> {
        let max_attempts = i64::from(max_attempts.max(1));
        let at = now();
        // Jobs whose worker died too often are failed for good, not retried forever.
        sqlx::query(
            "UPDATE jobs SET status = 'failed', updated_at = $1,
                 error = COALESCE(error, 'the worker stopped while processing it, too often')
             WHERE status = 'running' AND lease_until < $1 AND attempts >= $2",
        )
        .bind(&at)
        .bind(max_attempts)
        .execute(self.pool())
        .await?;
        let until = time_after(lease);
        let row = match self.backend() {
            Backend::Postgres => {
                let mut tx = self.pool().begin().await?;
                let select = format!(
                    "SELECT id FROM jobs WHERE {CLAIMABLE}
                     ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED"
                );
                let id: Option<String> = sqlx::query(sqlx::AssertSqlSafe(select))
                    .bind(&at)
                    .bind(max_attempts)
                    .bind(i64::from(triage))
                    .fetch_optional(&mut *tx)
                    .await?
                    .map(|r| r.try_get("id"))
                    .transpose()?;
                let Some(id) = id else {
                    tx.commit().await?;
                    return Ok(None);
                };
                let update = format!(
                    "UPDATE jobs SET status = 'running', worker = $2, lease_until = $3,
                         attempts = attempts + 1, updated_at = $4
                     WHERE id = $1 RETURNING {JOB_COLUMNS}"
                );
                let row = sqlx::query(sqlx::AssertSqlSafe(update))
                    .bind(&id)
                    .bind(worker)
                    .bind(&until)
                    .bind(&at)
                    .fetch_optional(&mut *tx)
                    .await?;
                tx.commit().await?;
                row
            }
            Backend::Sqlite => {
                let update = format!(
                    "UPDATE jobs SET status = 'running', worker = $4, lease_until = $5,
                         attempts = attempts + 1, updated_at = $1
                     WHERE id = (SELECT id FROM jobs WHERE {CLAIMABLE}
                                 ORDER BY created_at, id LIMIT 1)
                     RETURNING {JOB_COLUMNS}"
                );
                sqlx::query(sqlx::AssertSqlSafe(update))
                    .bind(&at)
                    .bind(max_attempts)
                    .bind(i64::from(triage))
                    .bind(worker)
                    .bind(&until)
                    .fetch_optional(self.pool())
                    .await?
            }
        };
        row.map(|r| job_from_row(&r)).transpose()
    }

    /// Extends a running job's lease. Returns false when the job is no longer this
    /// worker's (its lease ran out and another worker took it).
    pub async fn renew_lease(&self, job_id: &str, worker: &str, lease: Duration) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET lease_until = $3, updated_at = $4
             WHERE id = $1 AND worker = $2 AND status = 'running'",
        )
        .bind(job_id)
        .bind(worker)
        .bind(time_after(lease))
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that this worker finished the job. Returns false (and changes nothing) when
    /// the job is no longer this worker's.
    pub async fn complete_job(
        &self,
        job_id: &str,
        worker: &str,
        note: Option<&str>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET status = 'done', lease_until = NULL, error = NULL,
                 note = COALESCE($3, note), updated_at = $4
             WHERE id = $1 AND worker = $2 AND status = 'running'",
        )
        .bind(job_id)
        .bind(worker)
        .bind(note)
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that the job failed with a reason records staff can act on. A failure worth
    /// retrying (`retry_within`: the most attempts a job gets) goes back to the queue
    /// unless it was tried that often; `None`: failed for good.
    pub async fn fail_job(
        &self,
        job_id: &str,
        worker: &str,
        error: &str,
        retry_within: Option<u32>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET
                 status = CASE WHEN $4 = 1 AND attempts < $5 THEN 'queued' ELSE 'failed' END,
                 lease_until = NULL, error = $3, updated_at = $6
             WHERE id = $1 AND worker = $2 AND status = 'running'",
        )
        .bind(job_id)
        .bind(worker)
        .bind(error)
        .bind(i64::from(retry_within.is_some()))
        .bind(i64::from(retry_within.unwrap_or(0)))
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Queues a triage job for a letter unless one is already queued, running or done.
    /// Returns whether one was added.
    pub async fn enqueue_triage(&self, document_id: &str, batch_id: Option<&str>) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'triage' AND document_id = $1
                 AND status IN ('queued', 'running', 'done')",
        )
        .bind(document_id)
        .fetch_one(self.pool())
        .await?;
        let existing: i64 = row.try_get("n")?;
        if existing > 0 || self.triage_suggestion(document_id).await?.is_some() {
            return Ok(false);
        }
        self.add_job(&NewJob {
            kind: JobKind::Triage,
            document_id: Some(document_id),
            batch_id,
            file_name: None,
            status: JobStatus::Queued,
            error: None,
            note: None,
        })
        .await?;
        Ok(true)
    }

    /// Queues triage for every stored referral letter that has no suggestion and no triage
    /// job yet (letters scanned from the command line before the server ran). Returns how
    /// many were queued.
    pub async fn enqueue_missing_triage(&self) -> Result<usize> {
        let rows = sqlx::query(
            "SELECT d.id AS id FROM documents d
             WHERE d.status = 'done' AND d.document_type = 'referral_letter'
               AND NOT EXISTS (SELECT 1 FROM triage_suggestions t WHERE t.document_id = d.id)
               AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'triage'
                               AND j.document_id = d.id)
             ORDER BY d.created_at",
        )
        .fetch_all(self.pool())
        .await?;
        let mut n = 0;
        for r in &rows {
            let id: String = r.try_get("id")?;
            if self.enqueue_triage(&id, None).await? {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Jobs by status, for `/metrics` and the batch pages.
    pub async fn queue_counts(&self) -> Result<QueueCounts> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
            .fetch_all(self.pool())
            .await?;
        let mut c = QueueCounts::default();
        for r in &rows {
            let n: i64 = r.try_get("n")?;
            match parse_text(r, "jobs", "status", "a job status", str::parse)? {
                JobStatus::Queued => c.queued = n,
                JobStatus::Running => c.running = n,
                JobStatus::Done => c.done = n,
                JobStatus::Failed => c.failed = n,
            }
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn ocr_job(doc: &str) -> NewJob<'_> {
        NewJob {
            kind: JobKind::Ocr,
            document_id: Some(doc),
            batch_id: None,
            file_name: None,
            status: JobStatus::Queued,
            error: None,
            note: None,
        }
    }

    /// Two workers, each with its own connection pool (as two processes would have),
    /// drain the queue together: every job is done exactly once. Then a job whose worker
    /// "crashed" (its lease ran out) is taken again, and the crashed worker's late result
    /// is ignored.
    async fn queue_contract(a: Store, b: Store) -> anyhow::Result<()> {
        let docs: Vec<String> = (0..40).map(|i| format!("doc{i}")).collect();
        for d in &docs {
            a.add_job(&ocr_job(d)).await?;
        }
        let drain = |store: Store, name: &'static str| {
            tokio::spawn(async move {
                let mut taken = Vec::new();
                while let Some(job) = store.claim_job(name, Duration::from_secs(60)).await? {
                    anyhow::ensure!(store.complete_job(&job.id, name, None).await?);
                    taken.push(job.id);
                }
                Ok::<_, anyhow::Error>(taken)
            })
        };
        let (ta, tb) = (drain(a.clone(), "worker-a"), drain(b.clone(), "worker-b"));
        let (ta, tb) = (ta.await??, tb.await??);
        let all: Vec<&String> = ta.iter().chain(&tb).collect();
        let unique: HashSet<&String> = all.iter().copied().collect();
        assert_eq!(all.len(), docs.len(), "a: {}, b: {}", ta.len(), tb.len());
        assert_eq!(unique.len(), docs.len(), "a job was processed twice");
        assert_eq!(a.queue_counts().await?.done, docs.len() as i64);

        // A crashed worker's job is claimed again once its lease has run out.
        let id = a.add_job(&ocr_job("late")).await?;
        let first = a.claim_job("crashed", Duration::ZERO).await?;
        assert_eq!(first.as_ref().map(|j| j.id.as_str()), Some(id.as_str()));
        tokio::time::sleep(Duration::from_millis(20)).await;
        let again = b.claim_job("rescuer", Duration::from_secs(60)).await?;
        let again = again.ok_or_else(|| anyhow::anyhow!("expired lease not re-claimed"))?;
        assert_eq!((again.id.as_str(), again.attempts), (id.as_str(), 2));
        // Nobody else can take it while the rescuer's lease holds.
        assert!(a
            .claim_job("third", Duration::from_secs(60))
            .await?
            .is_none());
        // The crashed worker wakes up: its result is not recorded.
        assert!(!a.complete_job(&id, "crashed", None).await?);
        assert!(
            !a.renew_lease(&id, "crashed", Duration::from_secs(60))
                .await?
        );
        assert!(b.complete_job(&id, "rescuer", Some("ok")).await?);
        assert_eq!(a.job(&id).await?.map(|j| j.status), Some(JobStatus::Done));

        // A job whose worker keeps dying is failed for good after MAX_ATTEMPTS.
        let id = a.add_job(&ocr_job("poison")).await?;
        for i in 0..MAX_ATTEMPTS {
            let j = a.claim_job(&format!("w{i}"), Duration::ZERO).await?;
            assert_eq!(j.map(|j| j.id), Some(id.clone()));
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(a
            .claim_job("last", Duration::from_secs(60))
            .await?
            .is_none());
        let failed = a.job(&id).await?;
        assert_eq!(failed.as_ref().map(|j| j.status), Some(JobStatus::Failed));
        assert!(failed.and_then(|j| j.error).is_some());

        // A retryable failure goes back to the queue.
        let id = a.add_job(&ocr_job("flaky")).await?;
        let j = a.claim_job("w", Duration::from_secs(60)).await?;
        assert_eq!(j.map(|j| j.id), Some(id.clone()));
        assert!(
            a.fail_job(&id, "w", "database hiccup", Some(MAX_ATTEMPTS))
                .await?
        );
        assert_eq!(a.job(&id).await?.map(|j| j.status), Some(JobStatus::Queued));
        // ... unless the worker's own attempt limit (`[worker] max_attempts`) is reached:
        // the second try of a job allowed two is failed for good.
        let j = a
            .claim_job_of("w", Duration::from_secs(60), 2, true)
            .await?;
        assert_eq!(j.map(|j| (j.id, j.attempts)), Some((id.clone(), 2)));
        assert!(a.fail_job(&id, "w", "database hiccup", Some(2)).await?);
        assert_eq!(a.job(&id).await?.map(|j| j.status), Some(JobStatus::Failed));
        // A worker allowed one attempt never takes a job whose lease ran out again.
        let id = a.add_job(&ocr_job("once")).await?;
        let j = a.claim_job_of("w1", Duration::ZERO, 1, true).await?;
        assert_eq!(j.map(|j| j.id), Some(id.clone()));
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(a
            .claim_job_of("w2", Duration::from_secs(60), 1, true)
            .await?
            .is_none());
        assert_eq!(a.job(&id).await?.map(|j| j.status), Some(JobStatus::Failed));
        Ok(())
    }

    #[tokio::test]
    async fn workers_share_the_queue_on_sqlite() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("paperlite.sqlite");
        let a = Store::open_sqlite(&path).await?;
        let b = Store::open_sqlite(&path).await?;
        queue_contract(a, b).await
    }

    #[tokio::test]
    #[cfg_attr(
        not(paperlite_postgres),
        ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
    )]
    async fn workers_share_the_queue_on_postgres() -> anyhow::Result<()> {
        use sqlx::{Connection, Executor};
        let url = std::env::var("PAPERLITE_TEST_POSTGRES_URL")
            .map_err(|_| anyhow::anyhow!("PAPERLITE_TEST_POSTGRES_URL is not set"))?;
        let name = format!(
            "paperlite_queue_{}_{}",
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
        let db_url = format!("{base}/{name}");
        let result = async {
            let a = Store::connect(&db_url).await?;
            let b = Store::connect(&db_url).await?;
            let r = queue_contract(a.clone(), b.clone()).await;
            a.close().await;
            b.close().await;
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
