//! PaperLite's OCR: pixels in, text and word confidences out.
//!
//! - [`load`] opens TIFF (multi-page, bilevel fax included), PNG, JPEG and PDF files by their
//!   content, one page at a time, within limits that stop decompression bombs.
//! - [`cleanup`] binarises, despeckles and levels a page; [`engine`] runs Tesseract and its
//!   orientation detector.
//! - [`extract`] finds the NHS number, dates and document type in the text.
//! - [`PageProcessor`] ties them together for one worker thread.

pub mod cleanup;
pub mod engine;
pub mod error;
pub mod extract;
pub mod load;

use std::time::Instant;

use serde::{Deserialize, Serialize};
use types::{PageText, TextSource, Word};

pub use cleanup::CleanupConfig;
pub use engine::{Engine, EngineConfig, Orientation, Recognized};
pub use error::{Error, Result};
pub use load::{Document, Format, LoadConfig, SourcePage};

/// Everything that decides how a page becomes text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct OcrConfig {
    pub load: LoadConfig,
    pub cleanup: CleanupConfig,
    pub engine: EngineConfig,
    /// Pages whose mean word confidence is below this (0-100) are marked `needs_review`.
    pub review_threshold: f32,
    /// A page with no recognised words but more ink than this share is illegible, not blank.
    pub blank_page_max_ink: f32,
}

impl Default for OcrConfig {
    fn default() -> Self {
        OcrConfig {
            load: LoadConfig::default(),
            cleanup: CleanupConfig::default(),
            engine: EngineConfig::default(),
            review_threshold: 70.0,
            blank_page_max_ink: 0.005,
        }
    }
}

/// Cleans and recognises pages; one per worker thread (it owns a Tesseract engine).
pub struct PageProcessor {
    engine: Engine,
    config: OcrConfig,
}

impl PageProcessor {
    pub fn new(config: OcrConfig) -> Result<PageProcessor> {
        Ok(PageProcessor {
            engine: Engine::new(&config.engine)?,
            config,
        })
    }

    pub fn config(&self) -> &OcrConfig {
        &self.config
    }

    /// Turns one decoded page into text with per-word confidences.
    pub fn process(&mut self, page: SourcePage) -> Result<PageText> {
        let started = Instant::now();
        match page {
            SourcePage::Text {
                page,
                text,
                width,
                height,
                dpi,
            } => {
                let words = text
                    .split_whitespace()
                    .map(|w| Word {
                        text: w.to_string(),
                        confidence: 100.0,
                        bbox: Default::default(),
                    })
                    .collect();
                Ok(PageText {
                    page,
                    text: text.trim().to_string(),
                    words,
                    mean_confidence: 100.0,
                    needs_review: false,
                    source: TextSource::TextLayer,
                    width,
                    height,
                    dpi,
                    rotation_degrees: 0,
                    skew_degrees: 0.0,
                    ink_ratio: 0.0,
                    elapsed_ms: started.elapsed().as_millis() as u64,
                })
            }
            SourcePage::Image { page, image, dpi } => {
                let ink_ratio = cleanup::ink_ratio(&image);
                let (prepared, rotation_degrees, skew_degrees) = self.clean(image, dpi)?;
                let recognized = self.engine.recognize(&prepared, dpi, page)?;
                let mean_confidence = recognized.mean_confidence();
                let illegible =
                    recognized.words.is_empty() && ink_ratio > self.config.blank_page_max_ink;
                let low_confidence =
                    !recognized.words.is_empty() && mean_confidence < self.config.review_threshold;
                Ok(PageText {
                    page,
                    text: recognized.text,
                    words: recognized.words,
                    mean_confidence,
                    needs_review: illegible || low_confidence,
                    source: TextSource::Ocr,
                    width: prepared.width(),
                    height: prepared.height(),
                    dpi,
                    rotation_degrees,
                    skew_degrees,
                    ink_ratio,
                    elapsed_ms: started.elapsed().as_millis() as u64,
                })
            }
        }
    }

    /// Orientation, deskew, binarisation and despeckling as configured. Returns the page
    /// to recognise, the quarter-turn correction applied and the skew corrected.
    fn clean(&mut self, image: image::GrayImage, dpi: u32) -> Result<(image::GrayImage, u32, f32)> {
        let cfg = self.config.cleanup.clone();
        if !cfg.enabled {
            return Ok((image, 0, 0.0));
        }
        let mut image = image;
        let mut rotation = 0;
        if cfg.orientation {
            if let Some(o) = self.engine.detect_orientation(&image, dpi)? {
                if o.correction_degrees != 0 && o.confidence >= cfg.orientation_min_confidence {
                    image = cleanup::rotate_quarter_turns(&image, o.correction_degrees);
                    rotation = o.correction_degrees;
                }
            }
        }
        let mut skew = 0.0;
        if cfg.deskew {
            if let Some(measured) = cleanup::measure_skew(&image, dpi, cfg.max_skew_degrees) {
                if measured.abs() >= cfg.min_skew_degrees {
                    image = cleanup::rotate(&image, measured);
                    skew = measured;
                }
            }
        }
        if cfg.binarize {
            let window = ((dpi as f32 * cfg.sauvola_window_inches) as u32) | 1;
            image = cleanup::sauvola(&image, window, cfg.sauvola_k);
            if cfg.despeckle {
                cleanup::despeckle(&mut image);
            }
        }
        Ok((image, rotation, skew))
    }
}

/// Recognises every page of one file without storing anything, using `workers` threads
/// (one Tesseract engine each). Pages come back in order. Decoding stays on the calling
/// thread (pdfium is single-threaded); recognition runs in parallel.
pub fn recognize_file(bytes: &[u8], config: &OcrConfig, workers: usize) -> Result<Vec<PageText>> {
    let doc = Document::open(bytes, &config.load)?;
    let count = doc.page_count();
    let workers = workers.clamp(1, count.max(1) as usize);
    let (job_tx, job_rx) = std::sync::mpsc::sync_channel::<SourcePage>(workers);
    let job_rx = std::sync::Mutex::new(job_rx);
    let mut results: Vec<Result<PageText>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let job_rx = &job_rx;
                scope.spawn(move || -> Vec<Result<PageText>> {
                    let mut processor = match PageProcessor::new(config.clone()) {
                        Ok(p) => p,
                        Err(e) => return vec![Err(e)],
                    };
                    let mut out = Vec::new();
                    loop {
                        let next = job_rx.lock().map(|rx| rx.recv());
                        match next {
                            Ok(Ok(page)) => out.push(processor.process(page)),
                            _ => return out,
                        }
                    }
                })
            })
            .collect();
        let mut decode_errors = Vec::new();
        for n in 1..=count {
            match doc.page(n, &config.load) {
                Ok(page) => {
                    if job_tx.send(page).is_err() {
                        break;
                    }
                }
                Err(e) => decode_errors.push(Err(e)),
            }
        }
        drop(job_tx);
        let mut all = decode_errors;
        for h in handles {
            all.extend(h.join().unwrap_or_default());
        }
        all
    });
    if let Some(pos) = results.iter().position(|r| r.is_err()) {
        return Err(results.swap_remove(pos).err().unwrap_or(Error::NoPages));
    }
    let mut pages: Vec<PageText> = results.into_iter().filter_map(|r| r.ok()).collect();
    pages.sort_by_key(|p| p.page);
    Ok(pages)
}
