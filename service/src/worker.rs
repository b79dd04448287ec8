//! Queue workers: uploads become OCR jobs, OCR'd referral letters become triage jobs, and
//! [`run_worker`] takes them off the queue one at a time (in `paperlite worker` processes
//! and inside `paperlite serve`). Workers only write to the database; the server's indexer
//! brings the search index up to date.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ocr::OcrPool;
use serde::Serialize;
use tokio::sync::{watch, Notify};
use triage::decision::{Decider, DecisionConfig};
use triage::model::TriageModel;
use triage::routing::{Decision, RoutingPolicy};
use types::DocumentType;

use crate::blobs::{sha256_hex, BlobStore};
use crate::error::{Error, Result};
use crate::jobs::{Job, JobKind, JobStatus, NewJob};
use crate::scan::{process_document, start_pool, OutcomeKind, ScanConfig};
use crate::store::{DocumentStatus, NewDocument, Store};
use crate::suggestions::{NewSuggestion, StoredFlag};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Recorded on the jobs it takes (host and process).
    pub name: String,
    pub scan: ScanConfig,
    /// How long a claimed job stays this worker's without a renewal; a crashed worker's
    /// job is taken again after this.
    pub lease: Duration,
    /// Pause between looks at an empty queue.
    pub poll: Duration,
    /// Tries of a job (a crashed worker's or a failure worth retrying) before it is
    /// failed for good.
    pub max_attempts: u32,
    /// The OCR engines, started on the first OCR job and kept for every later one (a
    /// worker that only triages never starts Tesseract). Clones of this config share them.
    ocr_pool: Arc<tokio::sync::Mutex<Option<OcrPool>>>,
}

impl WorkerConfig {
    pub fn new(name: impl Into<String>, scan: ScanConfig) -> WorkerConfig {
        WorkerConfig {
            name: name.into(),
            scan,
            lease: Duration::from_secs(120),
            poll: Duration::from_millis(500),
            max_attempts: crate::jobs::MAX_ATTEMPTS,
            ocr_pool: Arc::default(),
        }
    }

    /// The worker's OCR pool, started on first use.
    async fn ocr_pool(&self) -> Result<OcrPool> {
        let mut slot = self.ocr_pool.lock().await;
        if let Some(pool) = slot.as_ref() {
            return Ok(pool.clone());
        }
        let pool = start_pool(&self.scan.ocr, self.scan.worker_count()).await?;
        *slot = Some(pool.clone());
        Ok(pool)
    }
}

/// The triage decision (`triage::decision`: rules, checker, model and its routing policy),
/// loaded once: the same decision `paperlite triage` prints and `eval triage` scores.
pub struct Triager {
    decider: Arc<Decider>,
    policy: RoutingPolicy,
    name: String,
}

impl Triager {
    /// Loads `models/<name>`: the model and its `routing.json`.
    pub fn load(dir: &Path) -> Result<Triager> {
        let model = TriageModel::load(dir)?;
        let policy = RoutingPolicy::load(dir)?;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string());
        Ok(Triager {
            decider: Arc::new(Decider::with_model(
                model,
                policy.clone(),
                DecisionConfig::default(),
            )),
            policy,
            name,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn policy(&self) -> &RoutingPolicy {
        &self.policy
    }
}

/// What became of one uploaded file.
#[derive(Debug, Clone, Serialize)]
pub struct Ingested {
    pub file_name: String,
    pub job_id: String,
    pub document_id: Option<String>,
    pub status: JobStatus,
    pub error: Option<String>,
    pub note: Option<String>,
}

/// Registers one uploaded file of a batch: keeps the original, records the document and
/// queues an OCR job. A file that is not a scan, or is too large, is recorded as a failed
/// job with the reason; content already stored is recorded as done.
pub async fn ingest_upload(
    store: &Store,
    blobs: &BlobStore,
    batch_id: &str,
    file_name: &str,
    bytes: Vec<u8>,
    load: &ocr::LoadConfig,
) -> Result<Ingested> {
    let refuse = |reason: String| async move {
        let job_id = store
            .add_job(&NewJob {
                kind: JobKind::Ocr,
                document_id: None,
                batch_id: Some(batch_id),
                file_name: Some(file_name),
                status: JobStatus::Failed,
                error: Some(&reason),
                note: None,
            })
            .await?;
        Ok::<_, Error>(Ingested {
            file_name: file_name.to_string(),
            job_id,
            document_id: None,
            status: JobStatus::Failed,
            error: Some(reason),
            note: None,
        })
    };
    if bytes.is_empty() {
        return refuse("empty file".to_string()).await;
    }
    if bytes.len() as u64 > load.max_file_bytes {
        let e = ocr::Error::FileTooLarge {
            size_bytes: bytes.len() as u64,
            limit_bytes: load.max_file_bytes,
        };
        return refuse(e.to_string()).await;
    }
    let format = match ocr::Format::sniff(&bytes) {
        Ok(f) => f,
        Err(e) => return refuse(e.to_string()).await,
    };
    let (bytes, id) = tokio::task::spawn_blocking(move || {
        let id = sha256_hex(&bytes);
        (bytes, id)
    })
    .await
    .map_err(|e| Error::Pipeline(e.to_string()))?;
    let path = format!("upload/{batch_id}/{file_name}");
    let doc = store
        .begin_document(&NewDocument {
            id: &id,
            file_name,
            path: &path,
            format: Some(format.as_str()),
            size_bytes: bytes.len() as u64,
        })
        .await?;
    {
        let blobs = blobs.clone();
        let id = id.clone();
        tokio::task::spawn_blocking(move || blobs.put(&id, &bytes))
            .await
            .map_err(|e| Error::Pipeline(e.to_string()))??;
    }
    let (status, note) = if doc.status == DocumentStatus::Done {
        (JobStatus::Done, Some("already stored"))
    } else {
        (JobStatus::Queued, None)
    };
    let job_id = store
        .add_job(&NewJob {
            kind: JobKind::Ocr,
            document_id: Some(&id),
            batch_id: Some(batch_id),
            file_name: Some(file_name),
            status,
            error: None,
            note,
        })
        .await?;
    Ok(Ingested {
        file_name: file_name.to_string(),
        job_id,
        document_id: Some(id),
        status,
        error: None,
        note: note.map(str::to_string),
    })
}

/// What a worker did with one job.
#[derive(Debug, Clone, Serialize)]
pub struct JobReport {
    pub job: Job,
    pub status: JobStatus,
    pub detail: String,
    /// False when the job's lease had run out and another worker owned it by the time
    /// this one finished: its outcome was not recorded.
    pub recorded: bool,
}

/// Claims and runs one job. `Ok(None)`: the queue is empty.
pub async fn run_one(
    store: &Store,
    blobs: &BlobStore,
    config: &WorkerConfig,
    triager: Option<&Triager>,
) -> Result<Option<JobReport>> {
    let Some(job) = store
        .claim_job_of(
            &config.name,
            config.lease,
            config.max_attempts,
            triager.is_some(),
        )
        .await?
    else {
        return Ok(None);
    };
    // Keep the lease while the job runs.
    let heartbeat = {
        let store = store.clone();
        let id = job.id.clone();
        let worker = config.name.clone();
        let lease = config.lease;
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(lease / 3).await;
                match store.renew_lease(&id, &worker, lease).await {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => tracing::warn!("cannot renew the lease of job {id}: {e}"),
                }
            }
        })
    };
    let outcome = match job.kind {
        JobKind::Ocr => run_ocr(store, blobs, config, &job).await,
        JobKind::Triage => run_triage(store, triager, &job).await,
    };
    heartbeat.abort();
    let (status, detail, recorded) = match outcome {
        Ok(Outcome::Done(note)) => {
            let ok = store
                .complete_job(&job.id, &config.name, Some(&note))
                .await?;
            (JobStatus::Done, note, ok)
        }
        Ok(Outcome::Failed(reason)) => {
            let ok = store.fail_job(&job.id, &config.name, &reason, None).await?;
            (JobStatus::Failed, reason, ok)
        }
        Err(e) => {
            // The machine or this worker's set-up failed: try again (up to the attempt
            // limit, possibly on another worker). A caller's mistake (a file that is not a
            // scan, a document deleted meanwhile) is not retried.
            let retry = e.fault().is_retryable();
            tracing::warn!(
                "job {} ({}) failed (retry: {retry}): {e}",
                job.id,
                job.kind.as_str()
            );
            let reason = e.to_string();
            let ok = store
                .fail_job(
                    &job.id,
                    &config.name,
                    &reason,
                    retry.then_some(config.max_attempts),
                )
                .await?;
            (JobStatus::Failed, reason, ok)
        }
    };
    Ok(Some(JobReport {
        job,
        status,
        detail,
        recorded,
    }))
}

enum Outcome {
    Done(String),
    /// The input is at fault: no retry.
    Failed(String),
}

async fn run_ocr(
    store: &Store,
    blobs: &BlobStore,
    config: &WorkerConfig,
    job: &Job,
) -> Result<Outcome> {
    let Some(id) = job.document_id.as_deref() else {
        return Ok(Outcome::Failed("the job names no document".to_string()));
    };
    let pool = config.ocr_pool().await?;
    let outcome = process_document(store, blobs, id, &config.scan, &pool).await?;
    if outcome.outcome == OutcomeKind::Failed {
        return Ok(Outcome::Failed(outcome.reason.unwrap_or_default()));
    }
    let doc = store.document(id).await?;
    let mut note = format!(
        "{} pages stored, {} need review",
        outcome.pages, outcome.pages_needing_review
    );
    if doc.and_then(|d| d.document_type) == Some(DocumentType::ReferralLetter)
        && store.enqueue_triage(id, job.batch_id.as_deref()).await?
    {
        note.push_str("; referral letter queued for triage");
    }
    Ok(Outcome::Done(note))
}

async fn run_triage(store: &Store, triager: Option<&Triager>, job: &Job) -> Result<Outcome> {
    let Some(t) = triager else {
        return Err(Error::Unavailable(
            "this worker has no triage model loaded".to_string(),
        ));
    };
    let Some(id) = job.document_id.as_deref() else {
        return Ok(Outcome::Failed("the job names no document".to_string()));
    };
    if store.triage_suggestion(id).await?.is_some() {
        return Ok(Outcome::Done("already triaged".to_string()));
    }
    let text = store.document_text(id).await?;
    if text.trim().is_empty() {
        return Ok(Outcome::Failed("no text found in the letter".to_string()));
    }
    let decider = Arc::clone(&t.decider);
    let triaged = tokio::task::spawn_blocking(move || decider.decide(&text))
        .await
        .map_err(|e| Error::Pipeline(e.to_string()))??;
    let flags: Vec<StoredFlag> = triaged
        .check
        .red_flags
        .iter()
        .map(|f| StoredFlag {
            rule: f.rule.to_string(),
            start: f.start,
            end: f.end,
            text: f.text.clone(),
        })
        .collect();
    let auto = triaged.decision == Decision::AutoRoute;
    let (urgency, pathway) = (triaged.urgency.as_str(), triaged.pathway.as_str());
    let no_probabilities: Vec<(String, f64)> = Vec::new();
    let p = triaged.prediction.as_ref();
    store
        .store_suggestion(&NewSuggestion {
            document_id: id,
            model: &t.name,
            urgency,
            pathway,
            urgency_probabilities: p.map_or(&no_probabilities, |p| &p.urgency.probabilities),
            pathway_probabilities: p.map_or(&no_probabilities, |p| &p.pathway.probabilities),
            p_low_risk: p.map_or(0.0, |p| p.p_low_risk),
            red_flags: &flags,
            auto_routed: auto,
            routing_reason: &triaged.reason,
        })
        .await?;
    Ok(Outcome::Done(format!(
        "{urgency} / {pathway} (rule {}): {}",
        triaged.rule,
        if auto {
            "auto-routed"
        } else {
            "awaiting review"
        }
    )))
}

/// Runs jobs until `stop` turns true: one at a time, pausing when the queue is empty.
/// `done` (if given) is notified after each job, so the indexer can look for new pages.
pub async fn run_worker(
    store: Store,
    blobs: BlobStore,
    config: WorkerConfig,
    triager: Option<Arc<Triager>>,
    mut stop: watch::Receiver<bool>,
    done: Option<Arc<Notify>>,
) {
    loop {
        if *stop.borrow() {
            return;
        }
        let result = run_one(&store, &blobs, &config, triager.as_deref()).await;
        let pause = match result {
            Ok(Some(report)) => {
                tracing::info!(
                    job = %report.job.id,
                    kind = report.job.kind.as_str(),
                    status = report.status.as_str(),
                    "{}",
                    report.detail
                );
                if let Some(n) = &done {
                    n.notify_one();
                }
                None
            }
            Ok(None) => Some(config.poll),
            Err(e) => {
                tracing::warn!("worker: {e}");
                Some(config.poll * 4)
            }
        };
        if let Some(pause) = pause {
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

/// A worker name: host name and process id.
pub fn default_worker_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "localhost".to_string());
    format!("{host}:{}", std::process::id())
}

/// The default model directory, `models/triage-gi`.
pub fn default_model_dir() -> PathBuf {
    PathBuf::from("models").join("triage-gi")
}
