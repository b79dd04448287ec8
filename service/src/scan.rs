//! The scanning pipeline: files in, pages stored exactly once.
//!
//! ```text
//!  feeder (async)        decoder thread          OCR workers (one per core)     recorder (async)
//!  read, sha256, blob -> open + decode pages -> clean up + Tesseract        -> store each page,
//!  begin document        (pdfium, tiff, ...)    (one engine per thread)        finish documents
//! ```
//!
//! Every page is committed on its own (`INSERT ... ON CONFLICT DO NOTHING` on
//! `(document_id, page_number)`), a document is marked done only once all its pages are in,
//! and a rerun skips done documents and stored pages: a batch killed at any moment and run
//! again ends with every page stored exactly once. All channels are bounded, so memory stays
//! bounded whatever the batch.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use index::SearchIndex;
use ocr::{Document, Format, OcrConfig, OcrPool};
use serde::Serialize;
use tokio::sync::mpsc;
use types::{DocumentType, Extraction, PageText};

use crate::blobs::{sha256_hex, BlobStore};
use crate::error::{Error, Result};
use crate::store::{DocumentStatus, NewDocument, Store};

mod inputs;
mod lock;
pub use inputs::{collect_inputs, io_reason, Inputs, SkippedEntry, SCAN_EXTENSIONS};
pub use lock::ScanLock;

#[derive(Debug, Clone, Default)]
pub struct ScanConfig {
    pub ocr: OcrConfig,
    /// OCR worker threads (one Tesseract engine each); 0 means one per core.
    pub workers: usize,
    /// Keep the original of a file that failed (no page stored) in the blob store. By
    /// default it is removed: failed files are often huge or junk.
    pub keep_failed_originals: bool,
    /// The type records staff declared for every document of this batch (e.g. a batch of
    /// GP referrals): stored whatever the classifier says, so every referral is triaged.
    pub declared_type: Option<DocumentType>,
}

impl ScanConfig {
    pub fn worker_count(&self) -> usize {
        if self.workers > 0 {
            self.workers
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    }
}

/// Receives progress of a scan; the CLI draws a bar from it.
pub trait ScanProgress: Send + Sync {
    fn files_found(&self, _files: usize) {}
    /// More pages became known (a file was opened).
    fn pages_queued(&self, _pages: u64) {}
    fn page_stored(&self, _page: &PageText) {}
    fn file_finished(&self, _outcome: &FileOutcome) {}
    /// Another scan holds this store's scan lock; this one waits for it.
    fn waiting_for_lock(&self, _message: &str) {}
}

/// A progress sink that ignores everything.
pub struct NoProgress;
impl ScanProgress for NoProgress {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Pages were read and stored in this run.
    Stored,
    /// The same content was stored by an earlier run.
    AlreadyStored,
    /// The same content appeared earlier in this batch under another name.
    Duplicate,
    Failed,
}

/// What happened to one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileOutcome {
    pub file: String,
    pub document_id: Option<String>,
    pub outcome: OutcomeKind,
    /// Pages stored by this run.
    pub pages: u32,
    pub pages_needing_review: u32,
    pub reason: Option<String>,
    /// The technical detail behind `reason` (decoder messages), kept apart from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Pages stored but marked for review because their image data is damaged, each with
    /// its reason ("page 1: the image data stops at row 1,412 of 3,508 ...").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub review_reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FailedFile {
    pub file: String,
    /// A short sentence a records officer can act on.
    pub reason: String,
    /// The decoder's or system's own words, for whoever investigates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The machine-readable result of `paperlite scan --json`.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ScanSummary {
    pub files: usize,
    pub documents_stored: usize,
    pub already_stored: usize,
    pub duplicates: usize,
    pub pages: u64,
    pub needs_review: u64,
    pub failed: Vec<FailedFile>,
    /// Files in the folders scanned that do not have a scan extension.
    pub ignored: Vec<String>,
    /// Every folder entry not scanned (no scan extension, hidden, a link to a folder, a
    /// broken or looping link, a pipe...), with its reason.
    pub skipped: Vec<SkippedEntry>,
    pub elapsed_seconds: f64,
    pub pages_per_second: f64,
    /// Problems that did not lose data (e.g. the search index was busy).
    pub warnings: Vec<String>,
    pub documents: Vec<FileOutcome>,
}

struct FileJob {
    document_id: String,
    bytes: Vec<u8>,
    skip: HashSet<u32>,
}

/// What a failure is called in the summary, and what the decoder said (for the log and
/// `--json`).
fn describe(e: &ocr::Error) -> (String, Option<String>) {
    (e.to_string(), e.detail().map(str::to_string))
}

enum Event {
    /// A file went to the decoder; `stored` pages were kept from an earlier run.
    Queued {
        document_id: String,
        file: String,
        stored: u32,
    },
    Opened {
        document_id: String,
        page_count: u32,
    },
    OpenFailed {
        document_id: String,
        reason: String,
        detail: Option<String>,
    },
    Page {
        document_id: String,
        page: Box<PageText>,
        /// Why the page must be reviewed whatever its confidence (damaged image data).
        damage: Option<String>,
    },
    PageFailed {
        document_id: String,
        page: u32,
        reason: String,
        detail: Option<String>,
    },
    /// A file dealt with without decoding (already stored, duplicate, unreadable).
    Done(FileOutcome),
    Fatal(String),
}

struct DocState {
    file: String,
    expected: Option<u32>,
    accounted: u32,
    stored_now: u32,
    review_now: u32,
    failures: Vec<String>,
    details: Vec<String>,
    review_reasons: Vec<String>,
}

/// Scans files and folders into the store, and into the search index when one is given
/// (every few documents, so pages become searchable while a long batch runs).
pub async fn scan(
    store: &Store,
    blobs: &BlobStore,
    index: Option<&Arc<SearchIndex>>,
    inputs: &[PathBuf],
    config: &ScanConfig,
    progress: Arc<dyn ScanProgress>,
) -> Result<ScanSummary> {
    let _lock = ScanLock::acquire(store, blobs, progress.as_ref()).await?;
    let started = Instant::now();
    let mut indexer = Indexer::new(store, index);
    // Catch up on documents a killed run stored but never indexed.
    let mut warnings = Vec::new();
    indexer.check(&mut warnings).await;
    let Inputs {
        files,
        ignored,
        skipped,
        failed: unreadable,
    } = collect_inputs(inputs);
    progress.files_found(files.len());
    let workers = config.worker_count();

    let (event_tx, mut event_rx) = mpsc::channel::<Event>(256);
    let (file_tx, mut file_rx) = mpsc::channel::<FileJob>(1);
    // A rendezvous channel: the decoder hands a page straight to a free worker, so at most
    // one decoded page per worker (and the one being decoded) is in memory.
    // One pool of OCR workers (one engine each) for the whole batch; the decoder hands it a
    // page at a time, so at most one decoded page per worker is in memory.
    let pool = start_pool(&config.ocr, workers).await?;

    // Decoder: one thread, so pdfium is only ever used from one place.
    let decoder = {
        let events = event_tx.clone();
        let load = config.ocr.load.clone();
        let pool = pool.clone();
        std::thread::Builder::new()
            .name("paperlite-decode".into())
            .spawn(move || {
                while let Some(job) = file_rx.blocking_recv() {
                    decode_file(job, &load, &pool, &events);
                }
            })
            .map_err(|e| Error::Pipeline(format!("cannot start the decoder: {e}")))?
    };
    drop(pool);

    let feeder = {
        let store = store.clone();
        let blobs = blobs.clone();
        let events = event_tx.clone();
        let max_bytes = config.ocr.load.max_file_bytes;
        tokio::spawn(async move {
            let mut queued = HashSet::new();
            for path in files {
                if let Err(e) = feed_file(
                    &store,
                    &blobs,
                    &path,
                    max_bytes,
                    &mut queued,
                    &file_tx,
                    &events,
                )
                .await
                {
                    let _ = events
                        .send(Event::Fatal(format!("{}: {e}", path.display())))
                        .await;
                    break;
                }
            }
        })
    };
    drop(event_tx);

    let mut summary = ScanSummary {
        ignored: ignored.iter().map(|p| p.display().to_string()).collect(),
        skipped,
        warnings,
        ..ScanSummary::default()
    };
    for f in unreadable {
        tracing::warn!(file = %f.file, detail = ?f.detail, "{}", f.reason);
        let outcome = FileOutcome {
            file: f.file,
            document_id: None,
            outcome: OutcomeKind::Failed,
            pages: 0,
            pages_needing_review: 0,
            reason: Some(f.reason),
            detail: f.detail,
            review_reasons: Vec::new(),
        };
        record(&mut summary, &outcome);
        progress.file_finished(&outcome);
    }
    let mut docs: HashMap<String, DocState> = HashMap::new();
    let mut fatal: Option<String> = None;
    while let Some(event) = event_rx.recv().await {
        let finished = match event {
            Event::Queued {
                document_id,
                file,
                stored,
            } => {
                docs.insert(
                    document_id,
                    DocState {
                        file,
                        expected: None,
                        accounted: stored,
                        stored_now: 0,
                        review_now: 0,
                        failures: Vec::new(),
                        details: Vec::new(),
                        review_reasons: Vec::new(),
                    },
                );
                None
            }
            Event::Opened {
                document_id,
                page_count,
            } => docs.get_mut(&document_id).and_then(|d| {
                progress.pages_queued(u64::from(page_count.saturating_sub(d.accounted)));
                d.expected = Some(page_count);
                (d.accounted >= page_count).then_some(document_id)
            }),
            Event::OpenFailed {
                document_id,
                reason,
                detail,
            } => {
                if let Some(d) = docs.get_mut(&document_id) {
                    d.failures.push(reason);
                    d.details.extend(detail);
                    d.expected = Some(d.accounted);
                }
                Some(document_id)
            }
            Event::Page {
                document_id,
                page,
                damage,
            } => {
                store
                    .store_page_for_review(
                        &document_id,
                        &page,
                        damage.as_deref().or(page.review_reason.as_deref()),
                    )
                    .await?;
                progress.page_stored(&page);
                docs.get_mut(&document_id).and_then(|d| {
                    d.accounted += 1;
                    d.stored_now += 1;
                    d.review_now += u32::from(page.needs_review || damage.is_some());
                    d.review_reasons.extend(
                        damage
                            .or_else(|| page.review_reason.clone())
                            .map(|r| format!("page {}: {r}", page.page)),
                    );
                    (Some(d.accounted) == d.expected).then_some(document_id)
                })
            }
            Event::PageFailed {
                document_id,
                page,
                reason,
                detail,
            } => docs.get_mut(&document_id).and_then(|d| {
                d.accounted += 1;
                page_failure(&mut d.failures, page, reason);
                d.details.extend(detail);
                (Some(d.accounted) == d.expected).then_some(document_id)
            }),
            Event::Done(outcome) => {
                record(&mut summary, &outcome);
                progress.file_finished(&outcome);
                None
            }
            Event::Fatal(reason) => {
                fatal.get_or_insert(reason);
                None
            }
        };
        if let Some(id) = finished {
            if let Some(state) = docs.remove(&id) {
                let outcome = finish(store, &id, state, config, true).await?;
                if outcome.outcome == OutcomeKind::Failed && !config.keep_failed_originals {
                    drop_failed_original(store, blobs, &id).await;
                }
                record(&mut summary, &outcome);
                progress.file_finished(&outcome);
                indexer.document_finished(&mut summary.warnings).await;
            }
        }
    }
    indexer.sync(&mut summary.warnings).await;

    let _ = feeder.await;
    let _ = decoder.join();
    if let Some(reason) = fatal {
        return Err(Error::Pipeline(reason));
    }
    // Anything still open never got all its pages (cannot happen unless a thread died).
    for (id, state) in docs {
        let reason = "processing stopped before all pages were read".to_string();
        store.fail_document(&id, state.expected, &reason).await?;
        summary.failed.push(FailedFile {
            file: state.file,
            reason,
            detail: None,
        });
    }
    summary.elapsed_seconds = started.elapsed().as_secs_f64();
    summary.pages_per_second = if summary.elapsed_seconds > 0.0 {
        summary.pages as f64 / summary.elapsed_seconds
    } else {
        0.0
    };
    Ok(summary)
}

/// Removes the original of a failed document from the blob store when none of its pages
/// was stored (pages stored always keep their source). A rerun reads the file again.
async fn drop_failed_original(store: &Store, blobs: &BlobStore, id: &str) {
    match store.stored_page_numbers(id).await {
        Ok(pages) if pages.is_empty() => {
            if let Err(e) = blobs.remove(id) {
                tracing::warn!("could not remove the original of failed document {id}: {e}");
            }
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("could not check the pages of failed document {id}: {e}"),
    }
}

/// Writes finished documents to the search index every few documents or seconds. Index
/// trouble never fails a scan: the pages are stored, and the next scan, search or
/// `reindex` indexes them.
struct Indexer<'a> {
    store: &'a Store,
    index: Option<&'a Arc<SearchIndex>>,
    pending: usize,
    last: Instant,
}

impl<'a> Indexer<'a> {
    const EVERY_DOCUMENTS: usize = 10;
    const EVERY: std::time::Duration = std::time::Duration::from_secs(10);

    fn new(store: &'a Store, index: Option<&'a Arc<SearchIndex>>) -> Self {
        Indexer {
            store,
            index,
            pending: 0,
            last: Instant::now(),
        }
    }

    async fn document_finished(&mut self, warnings: &mut Vec<String>) {
        self.pending += 1;
        if self.pending >= Self::EVERY_DOCUMENTS || self.last.elapsed() >= Self::EVERY {
            self.sync(warnings).await;
        }
    }

    /// Checks the index against the store once, at the start of a scan.
    async fn check(&mut self, warnings: &mut Vec<String>) {
        if let Some(index) = self.index {
            if let Err(e) = crate::indexing::check_index(self.store, index).await {
                self.warn(warnings, e);
            }
        }
        self.sync(warnings).await;
    }

    async fn sync(&mut self, warnings: &mut Vec<String>) {
        let Some(index) = self.index else { return };
        self.pending = 0;
        self.last = Instant::now();
        if let Err(e) = crate::indexing::sync_index(self.store, index).await {
            self.warn(warnings, e);
        }
    }

    fn warn(&self, warnings: &mut Vec<String>, e: Error) {
        let warning = format!(
            "search index not updated ({e}); the pages are stored and will be indexed by the next scan or `paperlite reindex`"
        );
        tracing::warn!("{warning}");
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
}

/// Adds a page's failure to a document's reasons, prefixed with its page number once.
fn page_failure(failures: &mut Vec<String>, page: u32, reason: String) {
    let prefix = format!("page {page}");
    failures.push(
        if reason.contains(&format!("({prefix})")) || reason.starts_with(&prefix) {
            reason
        } else {
            format!("{prefix}: {reason}")
        },
    );
}

fn record(summary: &mut ScanSummary, outcome: &FileOutcome) {
    summary.files += 1;
    summary.pages += u64::from(outcome.pages);
    summary.needs_review += u64::from(outcome.pages_needing_review);
    match outcome.outcome {
        OutcomeKind::Stored => summary.documents_stored += 1,
        OutcomeKind::AlreadyStored => summary.already_stored += 1,
        OutcomeKind::Duplicate => summary.duplicates += 1,
        OutcomeKind::Failed => summary.failed.push(FailedFile {
            file: outcome.file.clone(),
            reason: outcome.reason.clone().unwrap_or_default(),
            detail: outcome.detail.clone(),
        }),
    }
    summary.documents.push(outcome.clone());
}

/// Marks a document whose pages are all accounted for as done (with its extracted fields)
/// or failed (with every reason).
async fn finish(
    store: &Store,
    id: &str,
    state: DocState,
    config: &ScanConfig,
    queue_triage: bool,
) -> Result<FileOutcome> {
    let mut outcome = FileOutcome {
        file: state.file,
        document_id: Some(id.to_string()),
        outcome: OutcomeKind::Stored,
        pages: state.stored_now,
        pages_needing_review: state.review_now,
        reason: None,
        detail: None,
        review_reasons: state.review_reasons,
    };
    if state.failures.is_empty() {
        let (text, page_words, confidences) = text_and_confidences(store, id).await?;
        // The rows are read only when the text in reading order lacks an identifier.
        let rows = || {
            let rows: Vec<String> = page_words
                .iter()
                .map(|w| ocr::extract::rows_text(w))
                .collect();
            crate::store::join_page_texts(rows.iter().map(String::as_str))
        };
        let mut extraction = ocr::extract::extract_with_rows(&text, &confidences, rows);
        // A date of birth that the patient's stated age contradicts is a misread digit that
        // still made a valid date: left for a person to read, never stored as someone else's.
        if let Some(birth) = extraction.date_of_birth {
            if triage::redflags::birth_date_contradicted(&text, birth) {
                tracing::warn!(
                    file = %outcome.file,
                    %birth,
                    "date of birth read but contradicted by the age the letter states: not stored"
                );
                extraction.date_of_birth = None;
            }
        }
        hold_unsure_nhs_number(&mut extraction, config.ocr.nhs_number_confirm_below);
        if let Some(held) = &extraction.nhs_number_to_confirm {
            let confidence = extraction.nhs_number_confidence.unwrap_or(0.0);
            tracing::warn!(
                file = %outcome.file,
                confidence,
                "NHS number read with low confidence: held for records staff to confirm"
            );
            outcome.review_reasons.push(format!(
                "NHS number {held} read with confidence {confidence:.0}: held for records staff to confirm against the page"
            ));
        }
        if let Some(declared) = config.declared_type {
            extraction.document_type = declared;
        }
        store
            .finish_document(id, state.expected.unwrap_or(state.accounted), &extraction)
            .await?;
        // A referral letter scanned from the command line goes to triage as an upload does
        // (there the OCR job queues it, with its batch): any worker with the model takes it.
        if queue_triage && extraction.document_type == DocumentType::ReferralLetter {
            store.enqueue_triage(id, None).await?;
        }
    } else {
        let reason = state.failures.join("; ");
        let detail = (!state.details.is_empty()).then(|| state.details.join("; "));
        tracing::warn!(file = %outcome.file, detail = detail.as_deref().unwrap_or(""), "{reason}");
        store.fail_document(id, state.expected, &reason).await?;
        outcome.outcome = OutcomeKind::Failed;
        outcome.reason = Some(reason);
        outcome.detail = detail;
    }
    Ok(outcome)
}

/// An NHS number read with a confidence below `floor` is not stored as the patient's (a
/// misread digit can still pass the modulus 11 check, and the letter would be filed under
/// another patient): it is held in `nhs_number_to_confirm` for records staff to confirm
/// against the page. A number from text that was not OCR'd (no confidence) is stored.
pub fn hold_unsure_nhs_number(extraction: &mut Extraction, floor: f32) {
    let unsure = extraction.nhs_number_confidence.is_some_and(|c| c < floor);
    if unsure {
        extraction.nhs_number_to_confirm = extraction.nhs_number.take();
    }
}

/// Reads, hashes and registers one file, then hands it to the decoder unless its content
/// is already stored.
async fn feed_file(
    store: &Store,
    blobs: &BlobStore,
    path: &Path,
    max_bytes: u64,
    queued: &mut HashSet<String>,
    file_tx: &mpsc::Sender<FileJob>,
    events: &mpsc::Sender<Event>,
) -> Result<()> {
    let file = path.display().to_string();
    let failed = |reason: String, detail: Option<String>| FileOutcome {
        file: file.clone(),
        document_id: None,
        outcome: OutcomeKind::Failed,
        pages: 0,
        pages_needing_review: 0,
        reason: Some(reason),
        detail,
        review_reasons: Vec::new(),
    };
    let io_failed = |e: std::io::Error| failed(io_reason(&e), Some(e.to_string()));
    let meta = match tokio::fs::metadata(path).await {
        Ok(m) if m.is_file() => m,
        Ok(m) => {
            let reason = if m.is_dir() {
                "a folder, not a file"
            } else {
                "not a regular file (a pipe, socket or device)"
            };
            return send(events, Event::Done(failed(reason.into(), None))).await;
        }
        Err(e) => return send(events, Event::Done(io_failed(e))).await,
    };
    if meta.len() > max_bytes {
        let reason = ocr::Error::FileTooLarge {
            size_bytes: meta.len(),
            limit_bytes: max_bytes,
        };
        return send(events, Event::Done(failed(reason.to_string(), None))).await;
    }
    let bytes = match tokio::fs::read(path).await {
        Ok(b) => b,
        Err(e) => return send(events, Event::Done(io_failed(e))).await,
    };
    let (bytes, id) = tokio::task::spawn_blocking(move || {
        let id = sha256_hex(&bytes);
        (bytes, id)
    })
    .await
    .map_err(|e| Error::Pipeline(e.to_string()))?;
    let format = Format::sniff(&bytes).ok().map(Format::as_str);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    let doc = store
        .begin_document(&NewDocument {
            id: &id,
            file_name: &file_name,
            path: &file,
            format,
            size_bytes: bytes.len() as u64,
        })
        .await?;
    let skipped = |kind: OutcomeKind| FileOutcome {
        file: file.clone(),
        document_id: Some(id.clone()),
        outcome: kind,
        pages: 0,
        pages_needing_review: 0,
        reason: None,
        detail: None,
        review_reasons: Vec::new(),
    };
    if queued.contains(&id) {
        return send(events, Event::Done(skipped(OutcomeKind::Duplicate))).await;
    }
    match doc.status {
        DocumentStatus::Done => {
            return send(events, Event::Done(skipped(OutcomeKind::AlreadyStored))).await;
        }
        DocumentStatus::Failed => store.retry_document(&id).await?,
        DocumentStatus::Processing => {}
    }
    // Keep the original before any page is stored, so stored text always has its source.
    let blob_bytes = {
        let blobs = blobs.clone();
        let id = id.clone();
        tokio::task::spawn_blocking(move || blobs.put(&id, &bytes).map(|_| bytes))
            .await
            .map_err(|e| Error::Pipeline(e.to_string()))??
    };
    let skip: HashSet<u32> = store.stored_page_numbers(&id).await?.into_iter().collect();
    queued.insert(id.clone());
    send(
        events,
        Event::Queued {
            document_id: id.clone(),
            file,
            stored: skip.len() as u32,
        },
    )
    .await?;
    file_tx
        .send(FileJob {
            document_id: id,
            bytes: blob_bytes,
            skip,
        })
        .await
        .map_err(|_| Error::Pipeline("the decoder stopped".into()))
}

async fn send(events: &mpsc::Sender<Event>, event: Event) -> Result<()> {
    events
        .send(event)
        .await
        .map_err(|_| Error::Pipeline("the recorder stopped".into()))
}

/// Starts the OCR worker pool off the async runtime (engines take a moment to start); an
/// engine that will not start stops the run before any file is read.
pub(crate) async fn start_pool(config: &OcrConfig, workers: usize) -> Result<OcrPool> {
    let config = config.clone();
    tokio::task::spawn_blocking(move || OcrPool::new(&config, workers))
        .await
        .map_err(|e| Error::Pipeline(format!("cannot start the OCR workers: {e}")))?
        .map_err(|e| Error::Pipeline(e.to_string()))
}

fn decode_file(job: FileJob, load: &ocr::LoadConfig, pool: &OcrPool, events: &mpsc::Sender<Event>) {
    let id = job.document_id;
    let doc = match Document::open(&job.bytes, load) {
        Ok(d) => d,
        Err(e) => {
            let (reason, detail) = describe(&e);
            let _ = events.blocking_send(Event::OpenFailed {
                document_id: id,
                reason,
                detail,
            });
            return;
        }
    };
    let page_count = doc.page_count();
    if events
        .blocking_send(Event::Opened {
            document_id: id.clone(),
            page_count,
        })
        .is_err()
    {
        return;
    }
    for n in 1..=page_count {
        if job.skip.contains(&n) {
            continue;
        }
        let event = match doc.page(n, load) {
            Ok(page) => {
                let damage = page.damage().map(str::to_string);
                pool.submit(page, page_reply(id.clone(), n, damage, events.clone()));
                continue;
            }
            Err(e) => {
                let (reason, detail) = describe(&e);
                Event::PageFailed {
                    document_id: id.clone(),
                    page: n,
                    reason,
                    detail,
                }
            }
        };
        if events.blocking_send(event).is_err() {
            return;
        }
    }
}

/// What the OCR worker does with a page's result: tell the recorder, on the worker's thread.
fn page_reply(
    document_id: String,
    page_number: u32,
    damage: Option<String>,
    events: mpsc::Sender<Event>,
) -> ocr::Reply {
    Box::new(move |result: ocr::Result<PageText>| {
        let event = match result {
            Ok(page) => Event::Page {
                document_id,
                damage,
                page: Box::new(page),
            },
            Err(e) => {
                let (reason, detail) = describe(&e);
                Event::PageFailed {
                    document_id,
                    page: page_number,
                    reason,
                    detail,
                }
            }
        };
        let _ = events.blocking_send(event);
    })
}

/// OCRs one document whose original is already in the blob store and whose record exists
/// (an uploaded file, from a queue job): the same decoder as [`scan`] and the caller's OCR
/// worker pool (engines started once per worker process, not per document), pages
/// stored one by one as they come (pages already stored are skipped), then the document is
/// marked done with its extracted fields or failed with every reason.
///
/// An `Err` means the machine failed (the database, a worker thread, Tesseract would not
/// start): the job should be retried. A bad file is an `Ok` outcome of kind `Failed`.
pub async fn process_document(
    store: &Store,
    blobs: &BlobStore,
    document_id: &str,
    config: &ScanConfig,
    pool: &OcrPool,
) -> Result<FileOutcome> {
    let doc = store
        .document(document_id)
        .await?
        .ok_or_else(|| Error::Invalid(format!("no document {document_id}")))?;
    match doc.status {
        DocumentStatus::Done => {
            return Ok(FileOutcome {
                file: doc.file_name,
                document_id: Some(doc.id),
                outcome: OutcomeKind::AlreadyStored,
                pages: 0,
                pages_needing_review: 0,
                reason: None,
                detail: None,
                review_reasons: Vec::new(),
            })
        }
        DocumentStatus::Failed => store.retry_document(document_id).await?,
        DocumentStatus::Processing => {}
    }
    let bytes = {
        let blobs = blobs.clone();
        let id = document_id.to_string();
        tokio::task::spawn_blocking(move || blobs.get(&id))
            .await
            .map_err(|e| Error::Pipeline(e.to_string()))??
    };
    let skip: HashSet<u32> = store
        .stored_page_numbers(document_id)
        .await?
        .into_iter()
        .collect();
    let mut state = DocState {
        file: doc.file_name,
        expected: None,
        accounted: skip.len() as u32,
        stored_now: 0,
        review_now: 0,
        failures: Vec::new(),
        details: Vec::new(),
        review_reasons: Vec::new(),
    };
    let (event_tx, mut event_rx) = mpsc::channel::<Event>(16);
    let decoder = {
        let events = event_tx.clone();
        let load = config.ocr.load.clone();
        let pool = pool.clone();
        let job = FileJob {
            document_id: document_id.to_string(),
            bytes,
            skip,
        };
        std::thread::Builder::new()
            .name("paperlite-decode".into())
            .spawn(move || decode_file(job, &load, &pool, &events))
            .map_err(|e| Error::Pipeline(format!("cannot start the decoder: {e}")))?
    };
    drop(event_tx);
    let mut fatal = None;
    while let Some(event) = event_rx.recv().await {
        match event {
            Event::Opened { page_count, .. } => state.expected = Some(page_count),
            Event::OpenFailed { reason, detail, .. } => {
                state.failures.push(reason);
                state.details.extend(detail);
                state.expected = Some(state.accounted);
            }
            Event::Page {
                document_id,
                page,
                damage,
            } => {
                store
                    .store_page_for_review(
                        &document_id,
                        &page,
                        damage.as_deref().or(page.review_reason.as_deref()),
                    )
                    .await?;
                state.accounted += 1;
                state.stored_now += 1;
                state.review_now += u32::from(page.needs_review || damage.is_some());
                state.review_reasons.extend(
                    damage
                        .or_else(|| page.review_reason.clone())
                        .map(|r| format!("page {}: {r}", page.page)),
                );
            }
            Event::PageFailed {
                page,
                reason,
                detail,
                ..
            } => {
                state.accounted += 1;
                page_failure(&mut state.failures, page, reason);
                state.details.extend(detail);
            }
            Event::Fatal(reason) => {
                fatal.get_or_insert(reason);
            }
            Event::Queued { .. } | Event::Done(_) => {}
        }
    }
    let _ = decoder.join();
    if let Some(reason) = fatal {
        return Err(Error::Pipeline(reason));
    }
    if state.failures.is_empty() && state.expected != Some(state.accounted) {
        return Err(Error::Pipeline(
            "processing stopped before all pages were read".to_string(),
        ));
    }
    finish(store, document_id, state, config, false).await
}

/// A document's text (pages joined as [`Store::document_text`] joins them), each page's words
/// (for [`ocr::extract::rows_text`]) and how confidently OCR read its words, so that a
/// misread identifier is not stored.
async fn text_and_confidences(
    store: &Store,
    id: &str,
) -> Result<(String, Vec<Vec<types::Word>>, ocr::extract::Confidences)> {
    let pages = store.pages(id).await?;
    let page_words: Vec<Vec<types::Word>> = pages.iter().map(|p| p.words()).collect();
    let text = crate::store::join_page_texts(pages.iter().map(|p| p.text.as_str()));
    let confidences = ocr::extract::Confidences::from_words(
        page_words
            .iter()
            .flatten()
            .map(|w| (w.text.as_str(), w.confidence)),
    );
    Ok((text, page_words, confidences))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_number_read_below_the_floor_is_held() {
        let read = |confidence: Option<f32>| Extraction {
            nhs_number: Some("9990000026".into()),
            nhs_number_confidence: confidence,
            ..Default::default()
        };
        let held = |confidence, floor| {
            let mut e = read(confidence);
            hold_unsure_nhs_number(&mut e, floor);
            (e.nhs_number, e.nhs_number_to_confirm)
        };
        let number = Some("9990000026".to_string());
        assert_eq!(held(Some(61.0), 65.0), (None, number.clone()));
        assert_eq!(held(Some(65.0), 65.0), (number.clone(), None));
        assert_eq!(held(Some(96.0), 65.0), (number.clone(), None));
        // Text that was not OCR'd (a PDF's text layer) has no confidence: stored.
        assert_eq!(held(None, 65.0), (number.clone(), None));
        // A floor of 0 stores every valid number read.
        assert_eq!(held(Some(12.0), 0.0), (number, None));
    }
}
