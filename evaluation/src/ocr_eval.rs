//! `paperlite eval ocr`: CER and WER of every page against its ground truth, with and
//! without the page clean-up, and how well page confidence flags the bad pages.

use std::path::{Path, PathBuf};

use ocr::OcrConfig;
use serde::Serialize;

use crate::text_metrics::{char_errors, missed_words, word_errors, ErrorCount};

/// A scan file with its ground truth (`<stem>.gt.txt`, pages separated by form feeds).
#[derive(Debug, Clone)]
pub struct GroundTruthFile {
    pub scan: PathBuf,
    pub ground_truth: PathBuf,
    /// Labels from `manifest.json` beside the files, if any (e.g. "skew", "fax").
    pub degradations: Vec<String>,
}

/// Finds every scan in `dir` (recursively) that has a `.gt.txt` beside it.
pub fn find_ground_truth(dir: &Path) -> std::io::Result<Vec<GroundTruthFile>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        let manifest = read_manifest(&d.join("manifest.json"));
        for path in entries {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name.ends_with(".gt.txt") || name.ends_with(".json") {
                continue;
            }
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let gt = path.with_file_name(format!("{stem}.gt.txt"));
            if gt.is_file() {
                let degradations = manifest
                    .iter()
                    .find(|(file, _)| file == name)
                    .map(|(_, d)| d.clone())
                    .unwrap_or_default();
                found.push(GroundTruthFile {
                    scan: path,
                    ground_truth: gt,
                    degradations,
                });
            }
        }
    }
    found.sort_by(|a, b| a.scan.cmp(&b.scan));
    Ok(found)
}

/// Reads `[{"file": ..., "degradations": [...]}, ...]` when present.
fn read_manifest(path: &Path) -> Vec<(String, Vec<String>)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let items = value
        .as_array()
        .cloned()
        .or_else(|| value.get("documents").and_then(|d| d.as_array()).cloned())
        .unwrap_or_default();
    items
        .iter()
        .filter_map(|item| {
            let file = item.get("file")?.as_str()?;
            let file = Path::new(file).file_name()?.to_str()?.to_string();
            let degradations = item
                .get("degradations")
                .and_then(|d| d.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            Some((file, degradations))
        })
        .collect()
}

/// One page measured in one configuration.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeasurement {
    pub file: String,
    pub page: u32,
    pub cleanup: bool,
    pub degraded: bool,
    pub cer: f64,
    pub wer: f64,
    /// The ground truth's words missing from the reading, in any order.
    pub missed_words: ErrorCount,
    pub chars: ErrorCount,
    pub words: ErrorCount,
    pub mean_confidence: f32,
    /// Share of characters in words read with confidence below 60.
    pub unsure_share: f32,
    /// Share of words that look like specks or stains rather than text.
    pub junk_share: f32,
    /// Times the reading order goes back up the page (columns, blocks out of row order).
    pub order_jumps: usize,
    /// Share of words after which the reading leaves row order.
    pub order_breaks: f32,
    /// Share of letter-sized ink in rows outside every recognised word.
    pub unread_text: f32,
    /// Share of word-like words that are no word in Tesseract's dictionary.
    pub off_dictionary: f32,
    pub needs_review: bool,
    pub seconds: f64,
}

/// Totals for a group of pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Aggregate {
    pub pages: usize,
    pub cer: f64,
    pub wer: f64,
    pub chars: ErrorCount,
    pub words: ErrorCount,
    /// Ground-truth words missing from the reading, in any order (see
    /// [`crate::text_metrics::missed_words`]): the words a search would not find.
    pub missed_words: ErrorCount,
    /// Pages with CER above 10%.
    pub bad_pages: usize,
    /// Of those, how many were flagged needs_review.
    pub bad_pages_flagged: usize,
    /// Pages flagged needs_review although their CER was 10% or less.
    pub good_pages_flagged: usize,
    pub seconds: f64,
}

impl Aggregate {
    pub fn of<'a>(pages: impl IntoIterator<Item = &'a PageMeasurement>) -> Aggregate {
        let mut a = Aggregate::default();
        for p in pages {
            a.pages += 1;
            a.chars.add(p.chars);
            a.words.add(p.words);
            a.missed_words.add(p.missed_words);
            a.seconds += p.seconds;
            if p.cer > 0.10 {
                a.bad_pages += 1;
                a.bad_pages_flagged += usize::from(p.needs_review);
            } else {
                a.good_pages_flagged += usize::from(p.needs_review);
            }
        }
        a.cer = a.chars.rate();
        a.wer = a.words.rate();
        a
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OcrEvalReport {
    pub files: usize,
    pub failed: Vec<(String, String)>,
    pub with_cleanup: GroupedAggregate,
    pub without_cleanup: GroupedAggregate,
    pub pages: Vec<PageMeasurement>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupedAggregate {
    pub all: Aggregate,
    pub clean: Aggregate,
    pub degraded: Aggregate,
}

fn group(pages: &[PageMeasurement], cleanup: bool) -> GroupedAggregate {
    let of = |degraded: Option<bool>| {
        Aggregate::of(
            pages
                .iter()
                .filter(|p| p.cleanup == cleanup && degraded.is_none_or(|d| p.degraded == d)),
        )
    };
    GroupedAggregate {
        all: of(None),
        clean: of(Some(false)),
        degraded: of(Some(true)),
    }
}

/// Runs the OCR over every ground-truth file, with and without clean-up.
pub fn evaluate_ocr(
    files: &[GroundTruthFile],
    config: &OcrConfig,
    workers: usize,
    mut on_file: impl FnMut(&GroundTruthFile),
) -> OcrEvalReport {
    let mut pages = Vec::new();
    let mut failed = Vec::new();
    // One pool of engines per setting, for every file.
    let runs: Vec<(bool, OcrConfig, Result<ocr::OcrPool, String>)> = [true, false]
        .into_iter()
        .map(|cleanup| {
            let mut cfg = config.clone();
            cfg.cleanup.enabled = cleanup;
            let pool = ocr::OcrPool::new(&cfg, workers).map_err(|e| e.to_string());
            (cleanup, cfg, pool)
        })
        .collect();
    for f in files {
        on_file(f);
        let name = f.scan.display().to_string();
        let truth = match std::fs::read_to_string(&f.ground_truth) {
            Ok(t) => t,
            Err(e) => {
                failed.push((name, format!("ground truth: {e}")));
                continue;
            }
        };
        let truth_pages: Vec<&str> = truth.split('\x0c').collect();
        let bytes = match std::fs::read(&f.scan) {
            Ok(b) => b,
            Err(e) => {
                failed.push((name, e.to_string()));
                continue;
            }
        };
        for (cleanup, cfg, pool) in &runs {
            let cleanup = *cleanup;
            let started = std::time::Instant::now();
            let result = match pool {
                Ok(pool) => pool.recognize_file(&bytes, cfg).map_err(|e| e.to_string()),
                Err(e) => Err(e.clone()),
            };
            let seconds = started.elapsed().as_secs_f64();
            match result {
                Ok(recognized) => {
                    let n = recognized.len().max(1) as f64;
                    for p in &recognized {
                        let reference = truth_pages.get(p.page as usize - 1).copied().unwrap_or("");
                        let chars = char_errors(reference, &p.text);
                        let words = word_errors(reference, &p.text);
                        let quality = ocr::PageQuality::of(&p.words);
                        pages.push(PageMeasurement {
                            file: name.clone(),
                            page: p.page,
                            cleanup,
                            degraded: !f.degradations.is_empty(),
                            cer: chars.rate(),
                            wer: words.rate(),
                            missed_words: missed_words(reference, &p.text),
                            chars,
                            words,
                            mean_confidence: p.mean_confidence,
                            unsure_share: quality.unsure_share,
                            junk_share: quality.junk_share,
                            order_jumps: quality.order_jumps,
                            order_breaks: quality.order_breaks,
                            unread_text: p.unread_text,
                            off_dictionary: quality.off_dictionary,
                            needs_review: p.needs_review,
                            seconds: seconds / n,
                        });
                    }
                }
                Err(e) => {
                    if cleanup {
                        failed.push((name.clone(), e));
                    }
                }
            }
        }
    }
    OcrEvalReport {
        files: files.len(),
        failed,
        with_cleanup: group(&pages, true),
        without_cleanup: group(&pages, false),
        pages,
    }
}

/// Character and word errors of text another engine produced (`<stem>.txt` in `dir`,
/// pages separated by form feeds, as the `tesseract` command writes them), for comparing
/// engines on the same ground truth. Files without a hypothesis are skipped.
pub fn score_external(files: &[GroundTruthFile], dir: &Path) -> GroupedAggregate {
    group_pages(&score_external_pages(files, dir))
}

/// The aggregates of pages scored by [`score_external_pages`].
pub fn group_pages(pages: &[PageMeasurement]) -> GroupedAggregate {
    group(pages, false)
}

/// [`score_external`] page by page.
pub fn score_external_pages(files: &[GroundTruthFile], dir: &Path) -> Vec<PageMeasurement> {
    let mut pages = Vec::new();
    for f in files {
        let Some(stem) = f.scan.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let (Ok(truth), Ok(hyp)) = (
            std::fs::read_to_string(&f.ground_truth),
            std::fs::read_to_string(dir.join(format!("{stem}.txt"))),
        ) else {
            continue;
        };
        let truth_pages: Vec<&str> = truth.split('\x0c').collect();
        let hyp_pages: Vec<&str> = hyp.split('\x0c').collect();
        for (i, reference) in truth_pages.iter().enumerate() {
            let text = hyp_pages.get(i).copied().unwrap_or("");
            let chars = char_errors(reference, text);
            let words = word_errors(reference, text);
            pages.push(PageMeasurement {
                file: f.scan.display().to_string(),
                page: i as u32 + 1,
                cleanup: false,
                degraded: !f.degradations.is_empty(),
                cer: chars.rate(),
                wer: words.rate(),
                missed_words: missed_words(reference, text),
                chars,
                words,
                mean_confidence: 0.0,
                unsure_share: 0.0,
                junk_share: 0.0,
                order_jumps: 0,
                order_breaks: 0.0,
                unread_text: 0.0,
                off_dictionary: 0.0,
                needs_review: false,
                seconds: 0.0,
            });
        }
    }
    pages
}
