//! One pool of OCR workers with long-lived Tesseract engines, shared by every way a page is
//! read: `paperlite scan`, the queue worker's uploads, `paperlite ocr`, `paperlite triage`
//! on scans and `paperlite eval ocr`.
//!
//! Each worker thread owns one [`PageProcessor`] (a Tesseract engine is not shared between
//! threads) for as long as the pool lives, so engines start once per pool, not once per file.
//! Pages reach the workers through one rendezvous queue: a decoder hands a page straight to a
//! free worker, so at most one decoded page per worker (and the one being handed over) is in
//! memory. Each page carries its own reply, called on the worker thread with the page's text
//! or its error: a page is never dropped silently. A worker whose engine panics answers that
//! page with an error and starts a fresh engine.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::{Error, OcrConfig, PageProcessor, PageText, Result, SourcePage};

/// What a worker calls with a page's result.
pub type Reply = Box<dyn FnOnce(Result<PageText>) + Send>;

struct Job {
    page: SourcePage,
    reply: Reply,
}

struct Inner {
    jobs: Mutex<Option<SyncSender<Job>>>,
    handles: Mutex<Vec<JoinHandle<()>>>,
    workers: usize,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Closing the queue ends each worker after its current page.
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.take();
        }
        if let Ok(mut handles) = self.handles.lock() {
            for h in handles.drain(..) {
                let _ = h.join();
            }
        }
    }
}

/// A pool of OCR worker threads. Cloning shares the pool; the threads stop when the last
/// clone is dropped.
#[derive(Clone)]
pub struct OcrPool {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for OcrPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OcrPool")
            .field("workers", &self.inner.workers)
            .finish()
    }
}

impl OcrPool {
    /// Starts `workers` threads (at least one), each with its own engine for `config`.
    /// Returns only when every engine has started: an engine that will not start (missing
    /// language data, a bad setting) is an error here, before any page is taken.
    pub fn new(config: &OcrConfig, workers: usize) -> Result<OcrPool> {
        let workers = workers.max(1);
        let (job_tx, job_rx) = sync_channel::<Job>(0);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (ready_tx, ready_rx) = sync_channel::<Result<()>>(workers);
        let mut handles = Vec::with_capacity(workers);
        for i in 0..workers {
            let config = config.clone();
            let job_rx = Arc::clone(&job_rx);
            let ready = ready_tx.clone();
            let handle = std::thread::Builder::new()
                .name(format!("paperlite-ocr-{i}"))
                .spawn(move || work(config, &job_rx, ready))
                .map_err(|e| Error::EngineInit(format!("cannot start an OCR worker: {e}")))?;
            handles.push(handle);
        }
        drop(ready_tx);
        let pool = OcrPool {
            inner: Arc::new(Inner {
                jobs: Mutex::new(Some(job_tx)),
                handles: Mutex::new(handles),
                workers,
            }),
        };
        for _ in 0..workers {
            match ready_rx.recv() {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Err(e),
                Err(_) => {
                    return Err(Error::EngineInit(
                        "an OCR worker stopped while starting".into(),
                    ))
                }
            }
        }
        Ok(pool)
    }

    /// How many worker threads (engines) the pool has.
    pub fn workers(&self) -> usize {
        self.inner.workers
    }

    /// Hands `page` to the next free worker, waiting for one; `reply` is called with the
    /// result on the worker's thread. Blocks: call it from a thread that may wait (a decoder
    /// thread, `spawn_blocking`), not from an async task. If the pool has stopped, `reply`
    /// is called here with the error.
    pub fn submit(&self, page: SourcePage, reply: Reply) {
        let number = page.page();
        let sender = self.inner.jobs.lock().ok().and_then(|j| j.clone());
        let stopped = |reply: Reply| {
            reply(Err(Error::Recognition {
                page: number,
                reason: "no OCR worker is running".into(),
            }))
        };
        match sender {
            Some(tx) => {
                if let Err(returned) = tx.send(Job { page, reply }) {
                    stopped(returned.0.reply);
                }
            }
            None => stopped(reply),
        }
    }

    /// Reads the pages of one document with this pool's engines; pages come back in order.
    /// Decoding stays on the calling thread (pdfium is single-threaded). Any page that fails
    /// fails the whole file, naming the first failure.
    pub fn recognize_file(&self, bytes: &[u8], config: &OcrConfig) -> Result<Vec<PageText>> {
        let doc = crate::Document::open(bytes, &config.load)?;
        let count = doc.page_count();
        let (tx, rx) = std::sync::mpsc::channel::<Result<PageText>>();
        let mut results = Vec::with_capacity(count as usize);
        for n in 1..=count {
            match doc.page(n, &config.load) {
                Ok(page) => {
                    let tx = tx.clone();
                    self.submit(
                        page,
                        Box::new(move |r| {
                            let _ = tx.send(r);
                        }),
                    );
                }
                Err(e) => results.push(Err(e)),
            }
        }
        drop(tx);
        results.extend(rx);
        if let Some(pos) = results.iter().position(|r| r.is_err()) {
            return Err(results.swap_remove(pos).err().unwrap_or(Error::NoPages));
        }
        let mut pages: Vec<PageText> = results.into_iter().filter_map(|r| r.ok()).collect();
        pages.sort_by_key(|p| p.page);
        // Every page answers (an error at worst), so fewer pages means a reply was lost.
        if let Some(missing) =
            (1..=count).find(|n| pages.get(*n as usize - 1).map(|p| p.page) != Some(*n))
        {
            return Err(Error::Recognition {
                page: missing,
                reason: "no text came back for it".into(),
            });
        }
        Ok(pages)
    }
}

/// One worker: start an engine, say so, then read pages until the queue closes.
fn work(config: OcrConfig, jobs: &Mutex<Receiver<Job>>, ready: SyncSender<Result<()>>) {
    let mut processor = match PageProcessor::new(config.clone()) {
        Ok(p) => p,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    let _ = ready.send(Ok(()));
    drop(ready);
    loop {
        // The lock is held only while waiting for the next page.
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(Job { page, reply }) = job else {
            return;
        };
        let number = page.page();
        match catch_unwind(AssertUnwindSafe(|| processor.process(page))) {
            Ok(result) => reply(result),
            Err(_) => {
                tracing::error!(page = number, "the OCR engine panicked; starting a new one");
                reply(Err(Error::Recognition {
                    page: number,
                    reason: "the OCR engine failed unexpectedly on this page".into(),
                }));
                match PageProcessor::new(config.clone()) {
                    Ok(p) => processor = p,
                    Err(e) => {
                        tracing::error!("the OCR engine could not be restarted: {e}");
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Vec<u8> {
        let path = format!("{}/../samples/scans/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn one_pool_reads_many_files_every_page_in_order() -> Result<()> {
        let config = OcrConfig::default();
        let pool = OcrPool::new(&config, 2)?;
        assert_eq!(pool.workers(), 2);
        // A two-page TIFF, then a one-page TIFF, through the same engines.
        let two = pool.recognize_file(&sample("11_referral_suspected_ibd.tiff"), &config)?;
        assert_eq!(two.iter().map(|p| p.page).collect::<Vec<_>>(), [1, 2]);
        assert!(two.iter().all(|p| !p.text.trim().is_empty()));
        let one = pool.recognize_file(&sample("05_referral_dyspepsia.tiff"), &config)?;
        assert_eq!(one.len(), 1);
        assert!(one[0].text.contains("Brookvale"), "{}", one[0].text);
        // A file that is no scan fails on its own; the pool reads the next file.
        let err = pool.recognize_file(b"plain text, not a scan", &config);
        assert!(err.is_err());
        assert_eq!(
            pool.recognize_file(&sample("05_referral_dyspepsia.tiff"), &config)?
                .len(),
            1
        );
        Ok(())
    }

    #[test]
    fn an_engine_that_will_not_start_fails_the_pool_before_any_page() {
        let mut config = OcrConfig::default();
        config.engine.language = "zz_not_installed".into();
        let err = OcrPool::new(&config, 2).err().map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("zz_not_installed")),
            "{err:?}"
        );
    }
}
