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
mod lept;
pub mod load;
pub mod pool;
pub mod quality;
pub mod rows;
pub mod unread;

use std::time::Instant;

use image::GrayImage;
use serde::{Deserialize, Serialize};
use types::{PageText, TextSource, Word};

pub use cleanup::{CleanupConfig, CleanupWhen};
pub use engine::{Engine, EngineConfig, Orientation, Recognized};
pub use error::{Error, Result};
pub use load::{Document, Format, LoadConfig, SourcePage};
pub use pool::{OcrPool, Reply};
pub use quality::{PageQuality, ReviewRule};

/// Everything that decides how a page becomes text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct OcrConfig {
    pub load: LoadConfig,
    pub cleanup: CleanupConfig,
    pub engine: EngineConfig,
    /// Pages whose mean word confidence is below this (0-100) are marked `needs_review`.
    pub review_threshold: f32,
    /// Pages with more than this share (0-1) of their characters in words read with
    /// confidence below 60 are marked `needs_review` (1 switches the check off; default 0.12).
    pub review_max_unsure_share: f32,
    /// Pages with more than this share (0-1) of words that look like specks or stains
    /// rather than text are marked `needs_review` (1 switches the check off).
    pub review_max_junk_share: f32,
    /// Pages with more than this share (0-1) of their letter-sized ink, standing in rows,
    /// outside every recognised word are marked `needs_review` (1 switches the check off).
    /// A cleaned page on which the binarisation wiped more than this share of the
    /// letter-sized ink of the page as scanned (faint print) is also read as scanned, and the
    /// better reading kept.
    pub review_max_unread_text: f32,
    /// Pages read out of row order after more than this share (0-1) of their words (a form
    /// read column by column, side-by-side blocks one after the other: right word by word,
    /// wrong as a whole) are marked `needs_review` (1 switches the check off).
    pub review_max_order_breaks: f32,
    /// Pages where more than this share (0-1) of the word-like words read is no word in
    /// Tesseract's dictionary (misread words) are marked `needs_review` (1 switches the check
    /// off).
    pub review_max_off_dictionary: f32,
    /// A page with no recognised words but more ink than this share (measured against the
    /// paper, faint print included: [`cleanup::PageInk::faint`]) is illegible, not blank.
    pub blank_page_max_ink: f32,
    /// Words made only of marks (no letter or digit: specks, stains and streaks read as `.`,
    /// `:`, `‘`, `|`) read with a confidence (0-100) below this are left out of the page's
    /// text and words, after the review measurements have counted them (0 keeps them all).
    pub drop_marks_below: f32,
    /// An NHS number read with a confidence (0-100, its least confident word's) below this
    /// is not stored as the patient's: it is held for records staff to confirm against the
    /// page (0 stores every valid number read).
    pub nhs_number_confirm_below: f32,
}

impl Default for OcrConfig {
    fn default() -> Self {
        OcrConfig {
            load: LoadConfig::default(),
            cleanup: CleanupConfig::default(),
            engine: EngineConfig::default(),
            // Chosen leave-one-set-out over the 941 pages of the 15 scan sets already run
            // sealed (on each 14 sets, the rule with the highest recall at a precision of at
            // least 0.75, scored on the 15th): the same rule in 12 of 15 folds, held out
            // precision 0.76 and recall 0.69 (the rule before, chosen on the 31 sample pages
            // alone: 0.84 and 0.56). BENCHMARKS.md, "Review flag chosen across sets".
            review_threshold: 85.0,
            review_max_unsure_share: 0.12,
            review_max_junk_share: 0.03,
            review_max_unread_text: 0.06,
            review_max_order_breaks: 0.12,
            // Off: measured over the scan sets, the pages the rule above misses read as many
            // dictionary words as the good ones (BENCHMARKS.md, "Tesseract's dictionary
            // verdict as a review signal"); reported per page all the same.
            review_max_off_dictionary: 1.0,
            blank_page_max_ink: 0.005,
            // Chosen on the sample scans only (CER flat and lowest from 60 to 70, the middle):
            // BENCHMARKS.md, "Marks read from specks".
            drop_marks_below: 65.0,
            // Three misread numbers that passed the modulus 11 check were stored across the
            // 23 scan sets (845 right), read at 34.4, 55.5 and 61.0; below 65, 41 right ones
            // (4.9%) are held too, a look each for records staff against a wrong patient's
            // number stored unseen. BENCHMARKS.md, "Numbers held for confirmation".
            nhs_number_confirm_below: 65.0,
        }
    }
}

impl OcrConfig {
    /// The review flag's rule, from the `review_*` settings.
    pub fn review_rule(&self) -> ReviewRule {
        ReviewRule {
            min_mean_confidence: self.review_threshold,
            max_unsure_share: self.review_max_unsure_share,
            max_junk_share: self.review_max_junk_share,
            max_unread_text: self.review_max_unread_text,
            max_order_breaks: self.review_max_order_breaks,
            max_off_dictionary: self.review_max_off_dictionary,
        }
    }
}

/// A page with ink that reads fewer words than this read (almost) nothing: it is read again
/// smoothed and, still so, flagged for review.
const MIN_WORDS_READ: usize = 5;

/// Cleans and recognises pages; one per worker thread (it owns a Tesseract engine).
pub struct PageProcessor {
    engine: Engine,
    config: OcrConfig,
}

impl PageProcessor {
    /// An engine for one worker thread. The document-type cues are compiled here too, so a
    /// broken cue file stops a scan before its first page.
    pub fn new(config: OcrConfig) -> Result<PageProcessor> {
        extract::check_cues();
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
                        in_dictionary: None,
                    })
                    .collect();
                Ok(PageText {
                    page,
                    text: text.trim().to_string(),
                    words,
                    mean_confidence: 100.0,
                    needs_review: false,
                    review_reason: None,
                    source: TextSource::TextLayer,
                    width,
                    height,
                    dpi,
                    rotation_degrees: 0,
                    skew_degrees: 0.0,
                    ink_ratio: 0.0,
                    unread_text: 0.0,
                    elapsed_ms: started.elapsed().as_millis() as u64,
                })
            }
            SourcePage::Image {
                page, image, dpi, ..
            } => {
                let ink = cleanup::PageInk::of(&image);
                let ink_ratio = ink.dark;
                let inked = ink.faint > self.config.blank_page_max_ink;
                let mut reading = self.recognize_upright(image, dpi, page)?;
                if inked && reading.text.words.len() < MIN_WORDS_READ {
                    reading = self.smooth_and_reread(reading, dpi, page)?;
                }
                let recognized = &reading.text;
                let (width, height) = reading.read.dimensions();
                let mean_confidence = recognized.mean_confidence();
                // Ink on the page and (almost) nothing read: faint or broken print, a page
                // Tesseract could not make out. (A blank page with heavy bleed-through from
                // its reverse is flagged too: a cheap look for records staff, where an unread
                // page of a letter passed as blank would lose its text unseen.)
                let words_read = recognized.words.len();
                let illegible = words_read < MIN_WORDS_READ && inked;
                // A pass over the pixels of the image read: skipped when the check is switched
                // off. (Measured on the page as scanned instead, it flagged one more good page
                // of scan set 12, where bleed-through and a highlighter stood as unread ink,
                // and no more bad ones: BENCHMARKS.md, scan set 12's study.)
                let unread_text = if self.config.review_max_unread_text < 1.0 {
                    unread::unread_text_share(&reading.read, &recognized.words)
                } else {
                    0.0
                };
                let quality = PageQuality {
                    unread_text,
                    ..PageQuality::of(&recognized.words)
                };
                let review = self.config.review_rule().reason(&quality);
                if let Some(reason) = &review {
                    tracing::debug!(page, reason, "page flagged for review");
                }
                let low_confidence = review.is_some();
                let below = self.config.drop_marks_below;
                let dropped = (below > 0.0)
                    .then(|| quality::drop_marks(&recognized.text, &recognized.words, below))
                    .flatten();
                let (rotation_degrees, skew_degrees) = (reading.turn, reading.skew);
                let (text, words) = dropped.unwrap_or((reading.text.text, reading.text.words));
                Ok(PageText {
                    page,
                    text,
                    words,
                    mean_confidence,
                    needs_review: illegible || low_confidence,
                    review_reason: if illegible {
                        Some(if words_read == 0 {
                            "ink on the page but no text could be read".to_string()
                        } else {
                            format!("ink on the page but only {words_read} words could be read")
                        })
                    } else {
                        review
                    },
                    source: TextSource::Ocr,
                    width,
                    height,
                    dpi,
                    rotation_degrees,
                    skew_degrees,
                    ink_ratio,
                    unread_text,
                    elapsed_ms: started.elapsed().as_millis() as u64,
                })
            }
        }
    }

    /// Reads a page, cleaning it up as [`CleanupConfig::when`] says and turning it upright
    /// when it reads badly.
    ///
    /// Orientation detection costs about as much as a fifth of the OCR itself, and almost
    /// every page arrives the right way up; so the page is read as it is, and only when the
    /// result is poor (mean confidence below `orientation_check_below`) does the detector
    /// run. If it finds a quarter or half turn, the turned page is read again and the
    /// better reading kept.
    fn recognize_upright(&mut self, image: GrayImage, dpi: u32, page: u32) -> Result<Reading> {
        let cfg = self.config.cleanup.clone();
        if !cfg.enabled {
            let recognized = self.engine.recognize(&image, dpi, page)?;
            return Ok(Reading::as_scanned(image, recognized));
        }
        if cfg.when == CleanupWhen::PoorPages {
            let plain = self.engine.recognize(&image, dpi, page)?;
            if !reads_poorly(&plain, cfg.retry_below) {
                return Ok(Reading::as_scanned(image, plain));
            }
            let cleaned = self.clean_and_recognize(&image, dpi, page)?;
            tracing::debug!(
                plain = plain.mean_confidence(),
                cleaned = cleaned.text.mean_confidence(),
                "poor page read again after clean-up"
            );
            return Ok(if better_reading(&cleaned.text, &plain) {
                cleaned
            } else {
                Reading::as_scanned(image, plain)
            });
        }
        let mut cleaned = self.clean_and_recognize(&image, dpi, page)?;
        // The clean-up can lose faint print (pencil-grey text on grey paper, a pale column of
        // reference ranges): where the cleaned page gives almost no words, or where letter-
        // sized ink in rows on the page as scanned lies outside every word read, the page as
        // scanned is read too and the better reading kept (a blank page costs Tesseract next
        // to nothing; the ink check is a pass over the pixels).
        let limit = self.config.review_max_unread_text;
        let mut wiped = 0.0;
        if limit < 1.0 && cfg.binarize {
            let ink =
                unread::unread_and_wiped(cleaned.scanned(), &cleaned.read, &cleaned.text.words);
            cleaned.unread = Some(ink.unread);
            wiped = ink.wiped;
        }
        // Text the clean-up wiped is a reason to read the page again (unread ink that is
        // still on the binarised page, handwriting, stamps or a logo, would stay unread), and
        // so is a cleaned reading as poor as the one that sends a plain reading to the
        // clean-up in `poor_pages` mode: a fax or a halftone the clean-up made worse.
        if reads_poorly(&cleaned.text, cfg.retry_below) || wiped > limit {
            let plain = self.engine.recognize(&image, dpi, page)?;
            let mut plain = Reading::as_scanned(image, plain);
            if limit < 1.0 {
                plain.unread = Some(unread::unread_faint_text_share(
                    &plain.read,
                    &plain.text.words,
                ));
            }
            tracing::debug!(
                cleaned_words = cleaned.text.words.len(),
                cleaned_unread = cleaned.unread,
                wiped,
                plain_words = plain.text.words.len(),
                plain_unread = plain.unread,
                "the cleaned page left text unread: the page read as scanned too"
            );
            if better_reading(&plain.text, &cleaned.text)
                || reads_more_of_the_page(&plain, &cleaned)
            {
                return Ok(plain);
            }
        }
        Ok(cleaned)
    }

    /// The clean-up path: deskew, binarise and despeckle, read, and turn the page upright
    /// when it still reads poorly.
    fn clean_and_recognize(&mut self, image: &GrayImage, dpi: u32, page: u32) -> Result<Reading> {
        let cfg = self.config.cleanup.clone();
        let (prepared, skew, levelled) = self.level_and_binarize(image, dpi);
        let recognized = self.read_prepared(&prepared, dpi, page)?;
        let reading =
            |read, levelled: Option<GrayImage>, source: &GrayImage, text, turn, skew| Reading {
                read,
                scanned: Some(levelled.unwrap_or_else(|| source.clone())),
                text,
                turn,
                skew,
                unread: None,
            };
        let poor = reads_poorly(&recognized, cfg.orientation_check_below);
        // A page scanned a quarter turn round can read well: Tesseract follows its lines
        // down the page. Its words then stand taller than wide, and the page is stored
        // sideways and measured out of row order; it is turned upright like a poor one.
        let sideways = reads_sideways(&recognized.words);
        if !(cfg.orientation && (poor || sideways)) {
            return Ok(reading(prepared, levelled, image, recognized, 0, skew));
        }
        if cfg.orientation_precheck && !sideways {
            let started = Instant::now();
            let evidence = cleanup::line_evidence(&prepared, dpi);
            let upright = evidence.is_some_and(|e| {
                e.plainly_upright(
                    cfg.upright_min_rows_over_columns,
                    cfg.upright_min_ascender_balance,
                )
            });
            tracing::debug!(
                page,
                confidence = recognized.mean_confidence(),
                precheck_ms = started.elapsed().as_millis() as u64,
                ?evidence,
                upright,
                "text line evidence on a poorly read page"
            );
            if upright {
                return Ok(reading(prepared, levelled, image, recognized, 0, skew));
            }
        }
        let started = Instant::now();
        // Orientation needs only the shapes of the text lines: half resolution will do.
        let detected = if dpi >= 240 {
            self.engine
                .detect_orientation(&cleanup::downscale(image, 2), dpi / 2)?
        } else {
            self.engine.detect_orientation(image, dpi)?
        };
        tracing::debug!(
            page,
            orientation_ms = started.elapsed().as_millis() as u64,
            ?detected,
            sideways,
            "orientation check on a poorly read or sideways page"
        );
        let detected_turn = detected
            .filter(|o| o.correction_degrees != 0 && o.confidence >= cfg.orientation_min_confidence)
            .map(|o| o.correction_degrees);
        // A sideways page whose orientation the detector could not tell (small print read at
        // half resolution) is read turned a quarter each way; the better turn is kept.
        let turns: Vec<u32> = match detected_turn {
            Some(t) => vec![t],
            None if sideways => vec![90, 270],
            None => Vec::new(),
        };
        let mut best: Option<Turned> = None;
        for turn in turns {
            let upright = cleanup::rotate_quarter_turns(image, turn);
            let (prepared, skew, levelled) = self.level_and_binarize(&upright, dpi);
            let text = self.read_prepared(&prepared, dpi, page)?;
            if best
                .as_ref()
                .is_none_or(|b| text.mean_confidence() > b.text.mean_confidence())
            {
                best = Some(Turned {
                    turn,
                    upright,
                    prepared,
                    skew,
                    levelled,
                    text,
                });
            }
        }
        let Some(turned) = best else {
            return Ok(reading(prepared, levelled, image, recognized, 0, skew));
        };
        let second = &turned.text;
        // A sideways reading is kept only when the page turned upright reads clearly worse
        // (its words in row order are worth a little confidence).
        let keep_turned = if sideways {
            second.mean_confidence() + SIDEWAYS_MARGIN > recognized.mean_confidence()
                && chars(second) * 10 >= chars(&recognized) * 6
        } else {
            second.mean_confidence() > recognized.mean_confidence()
        };
        if keep_turned {
            Ok(reading(
                turned.prepared,
                turned.levelled,
                &turned.upright,
                turned.text,
                turned.turn,
                turned.skew,
            ))
        } else {
            Ok(reading(prepared, levelled, image, recognized, 0, skew))
        }
    }

    /// A page with ink that read (almost) nothing, read again smoothed: pale dot-matrix
    /// print, whose dots Tesseract takes for specks one by one, reads once they merge into
    /// strokes. The page as scanned (levelled and turned like the reading) is smoothed and
    /// handed to Tesseract to threshold; the better reading is kept.
    fn smooth_and_reread(&mut self, reading: Reading, dpi: u32, page: u32) -> Result<Reading> {
        let cfg = &self.config.cleanup;
        if !cfg.enabled || cfg.smooth_unread_inches <= 0.0 {
            return Ok(reading);
        }
        let sigma = cfg.smooth_unread_inches * dpi as f32;
        let smoothed = image::imageops::blur(reading.scanned(), sigma);
        let text = self.engine.recognize(&smoothed, dpi, page)?;
        tracing::debug!(
            page,
            sigma,
            before = reading.text.words.len(),
            after = text.words.len(),
            confidence = text.mean_confidence(),
            "a page with ink that read almost nothing, read again smoothed"
        );
        if !better_reading(&text, &reading.text) {
            return Ok(reading);
        }
        Ok(Reading {
            scanned: Some(reading.scanned.unwrap_or(reading.read)),
            read: smoothed,
            text,
            ..reading
        })
    }

    /// Reads a page from [`Self::level_and_binarize`]: one bit a pixel when it was binarised
    /// (Tesseract would otherwise threshold the black-and-white page again).
    fn read_prepared(&mut self, prepared: &GrayImage, dpi: u32, page: u32) -> Result<Recognized> {
        if self.config.cleanup.binarize {
            self.engine.recognize_bilevel(prepared, dpi, page)
        } else {
            self.engine.recognize(prepared, dpi, page)
        }
    }

    /// Deskew, binarisation and despeckling as configured ([`cleanup::prepare`]).
    fn level_and_binarize(
        &self,
        image: &GrayImage,
        dpi: u32,
    ) -> (GrayImage, f32, Option<GrayImage>) {
        cleanup::prepare_keeping_levelled(image, dpi, &self.config.cleanup)
    }
}

/// A page read turned by a quarter or half turn: the turn, the turned page, what was read of
/// it (deskewed and binarised as configured), its skew and levelled copy, and the text.
struct Turned {
    turn: u32,
    upright: GrayImage,
    prepared: GrayImage,
    skew: f32,
    levelled: Option<GrayImage>,
    text: Recognized,
}

/// One reading of a page: the image Tesseract read, the page as scanned in the same
/// geometry (turned and levelled like it, not binarised), the text, the quarter turn and
/// skew applied, and the share of letter-sized ink left unread on the page as scanned.
struct Reading {
    read: GrayImage,
    /// `None` when the image read is the page as scanned.
    scanned: Option<GrayImage>,
    text: Recognized,
    turn: u32,
    skew: f32,
    /// The share of letter-sized ink on the page as scanned outside every word read, faint
    /// print included ([`unread::unread_faint_text_share`]), where the choice between
    /// readings needed it.
    unread: Option<f32>,
}

impl Reading {
    fn as_scanned(image: GrayImage, text: Recognized) -> Reading {
        Reading {
            read: image,
            scanned: None,
            text,
            turn: 0,
            skew: 0.0,
            unread: None,
        }
    }

    fn scanned(&self) -> &GrayImage {
        self.scanned.as_ref().unwrap_or(&self.read)
    }
}

/// A reading of the page as scanned that leaves clearly less of the page's text unread than
/// the cleaned reading (at least 5 points less of the letter-sized ink), finds at least as
/// much text and is not much less confident (within 5 points).
fn reads_more_of_the_page(plain: &Reading, cleaned: &Reading) -> bool {
    let (Some(p), Some(c)) = (plain.unread, cleaned.unread) else {
        return false;
    };
    p + 0.05 <= c
        && chars(&plain.text) >= chars(&cleaned.text)
        && plain.text.mean_confidence() + 5.0 >= cleaned.text.mean_confidence()
}

fn chars(r: &Recognized) -> usize {
    r.words.iter().map(|w| w.text.chars().count()).sum()
}

/// Word-sized words (four or more letters or digits) needed before a page's words can say
/// it was read sideways.
const MIN_SIDEWAYS_EVIDENCE: usize = 10;
/// Confidence points a page turned upright from a sideways reading may lose and still be kept.
const SIDEWAYS_MARGIN: f32 = 5.0;

/// Whether most word-sized words (four or more letters or digits) stand taller than wide:
/// the page was read along lines that run down it (scanned a quarter turn round).
fn reads_sideways(words: &[Word]) -> bool {
    let sized = words
        .iter()
        .filter(|w| w.bbox.h > 0 && w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 4);
    let (mut n, mut tall) = (0usize, 0usize);
    for w in sized {
        n += 1;
        tall += usize::from(w.bbox.h > w.bbox.w);
    }
    n >= MIN_SIDEWAYS_EVIDENCE && tall * 2 > n
}

/// Too few words, or a mean word confidence below `threshold`.
fn reads_poorly(reading: &Recognized, threshold: f32) -> bool {
    reading.words.len() < MIN_WORDS_READ || reading.mean_confidence() < threshold
}

/// Whether `candidate` is the better of two readings of one page: the higher mean word
/// confidence, unless one found far less text than the other (a reading that dropped most of
/// the page is not better for being confident about the rest).
fn better_reading(candidate: &Recognized, other: &Recognized) -> bool {
    let (a, b) = (chars(candidate) as f64, chars(other) as f64);
    if a < 0.6 * b {
        return false;
    }
    // ...and the other way round: a confident reading of a few words is not better than a
    // less confident reading of the whole page.
    if b < 0.6 * a {
        return true;
    }
    candidate.mean_confidence() > other.mean_confidence()
}

/// Recognises every page of one file without storing anything, with a pool of `workers`
/// engines started for this file alone. Pages come back in order. To read many files, start
/// one [`OcrPool`] and call [`OcrPool::recognize_file`] for each: engines start once.
pub fn recognize_file(bytes: &[u8], config: &OcrConfig, workers: usize) -> Result<Vec<PageText>> {
    OcrPool::new(config, workers)?.recognize_file(bytes, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_flagged_for_review_says_why() -> anyhow::Result<()> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samples/scans/01_referral_rectal_bleeding_2ww.png"
        );
        let clean = image::open(path)?.to_luma8();
        // The same page under a storm of specks (a fixed pseudo-random pattern).
        let mut stormy = clean.clone();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for px in stormy.pixels_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if state.is_multiple_of(3) {
                px.0[0] = 0;
            }
        }
        let mut processor = PageProcessor::new(OcrConfig::default())?;
        let page = |image| SourcePage::Image {
            page: 1,
            image,
            dpi: 300,
            damage: None,
        };
        let good = processor.process(page(clean))?;
        assert!(
            !good.needs_review && good.review_reason.is_none(),
            "{good:?}"
        );
        let bad = processor.process(page(stormy))?;
        assert!(bad.needs_review, "{:?}", bad.mean_confidence);
        let reason = bad.review_reason.unwrap_or_default();
        assert!(
            reason.contains("confidence")
                || reason.contains("specks")
                || reason.contains("no text"),
            "{reason}"
        );
        Ok(())
    }

    #[test]
    fn faint_print_the_clean_up_loses_is_read_as_scanned() -> anyhow::Result<()> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samples/scans/01_referral_rectal_bleeding_2ww.png"
        );
        // The page printed in pale pencil-grey: ink at about 225 on white.
        let mut faint = image::open(path)?.to_luma8();
        for px in faint.pixels_mut() {
            px.0[0] = 255 - ((255 - u32::from(px.0[0])) * 12 / 100) as u8;
        }
        let config = OcrConfig::default();
        let (binary, _) = cleanup::prepare(&faint, 300, &config.cleanup);
        // The binarisation keeps next to nothing of it...
        assert!(
            cleanup::ink_ratio(&binary) < 0.002,
            "{}",
            cleanup::ink_ratio(&binary)
        );
        // ...so the page as scanned is read, and the letter comes through.
        let mut processor = PageProcessor::new(config)?;
        let read = processor.process(SourcePage::Image {
            page: 1,
            image: faint,
            dpi: 300,
            damage: None,
        })?;
        assert!(
            read.words.len() > 50,
            "{} words: {}",
            read.words.len(),
            read.text
        );
        assert!(read.text.to_lowercase().contains("rectal"), "{}", read.text);
        Ok(())
    }

    #[test]
    fn pale_dot_matrix_print_is_read_smoothed_or_flagged_never_taken_for_blank(
    ) -> anyhow::Result<()> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samples/scans/01_referral_rectal_bleeding_2ww.png"
        );
        // The page as a worn ribbon prints it on green-grey listing paper: each stroke a grid
        // of separate dots, 40 grey levels darker than the paper, nothing below half
        // brightness.
        let clean = image::open(path)?.to_luma8();
        let mut dotted = clean.clone();
        for (x, y, px) in dotted.enumerate_pixels_mut() {
            let dot = x % 2 == 0 && y % 2 == 0;
            let ink = if dot {
                f32::from(255 - clean.get_pixel(x, y).0[0]) / 255.0
            } else {
                0.0
            };
            px.0[0] = (212.0 - 40.0 * ink) as u8;
        }
        assert_eq!(cleanup::ink_ratio(&dotted), 0.0);
        let page = |image| SourcePage::Image {
            page: 1,
            image,
            dpi: 300,
            damage: None,
        };
        // Read smoothed, the letter comes through.
        let read = PageProcessor::new(OcrConfig::default())?.process(page(dotted.clone()))?;
        assert!(read.words.len() > 100, "{} words", read.words.len());
        assert!(read.text.contains("Brackenford"), "{}", read.text);
        // Without the smoothing nothing is read, and the page is flagged, not taken for a
        // blank one.
        let mut config = OcrConfig::default();
        config.cleanup.smooth_unread_inches = 0.0;
        let unread = PageProcessor::new(config)?.process(page(dotted))?;
        assert!(unread.words.len() < 5, "{}", unread.text);
        assert!(unread.needs_review);
        Ok(())
    }

    fn reading(words: usize, confidence: f32, unread: f32) -> Reading {
        let text = Recognized {
            words: (0..words)
                .map(|_| Word {
                    text: "word".into(),
                    confidence,
                    bbox: Default::default(),
                    in_dictionary: None,
                })
                .collect(),
            ..Default::default()
        };
        Reading {
            unread: Some(unread),
            ..Reading::as_scanned(GrayImage::new(1, 1), text)
        }
    }

    #[test]
    fn words_standing_taller_than_wide_say_the_page_was_read_sideways() {
        let word = |text: &str, w: u32, h: u32| Word {
            text: text.into(),
            confidence: 90.0,
            bbox: types::BBox { x: 10, y: 10, w, h },
            in_dictionary: None,
        };
        let upright: Vec<Word> = (0..20).map(|_| word("Referral", 160, 36)).collect();
        let sideways: Vec<Word> = (0..20).map(|_| word("Referral", 36, 160)).collect();
        assert!(!reads_sideways(&upright));
        assert!(reads_sideways(&sideways));
        // Short words ("I", "to", "Mr") stand tall on upright pages too and say nothing; nor
        // do a handful of words.
        let mut short: Vec<Word> = (0..30).map(|_| word("to", 20, 36)).collect();
        short.extend((0..12).map(|_| word("letter", 120, 36)));
        assert!(!reads_sideways(&short));
        assert!(!reads_sideways(&sideways[..5]));
    }

    #[test]
    fn a_page_scanned_a_quarter_turn_round_is_read_upright() -> anyhow::Result<()> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samples/scans/01_referral_rectal_bleeding_2ww.png"
        );
        let page = image::imageops::rotate90(&image::open(path)?.to_luma8());
        let mut processor = PageProcessor::new(OcrConfig::default())?;
        let read = processor.process(SourcePage::Image {
            page: 1,
            image: page,
            dpi: 300,
            damage: None,
        })?;
        // Turned back a quarter the other way, read in row order, not flagged for its order.
        assert_eq!(read.rotation_degrees, 270, "{}", read.text);
        assert!(read.text.to_lowercase().contains("rectal"), "{}", read.text);
        assert!(quality::order_breaks(&read.words) < 0.12);
        Ok(())
    }

    #[test]
    fn the_reading_that_leaves_less_of_the_page_unread_is_kept() {
        let cleaned = reading(100, 90.0, 0.20);
        // More text, much less left unread, a little less confident: the plain reading.
        assert!(reads_more_of_the_page(&reading(130, 87.0, 0.02), &cleaned));
        // Not clearly less unread, or less text, or far less confident: the cleaned one.
        assert!(!reads_more_of_the_page(&reading(130, 87.0, 0.17), &cleaned));
        assert!(!reads_more_of_the_page(&reading(90, 87.0, 0.02), &cleaned));
        assert!(!reads_more_of_the_page(&reading(130, 80.0, 0.02), &cleaned));
        // A confident reading of a few words is not better than a reading of the page.
        assert!(better_reading(
            &reading(100, 70.0, 0.0).text,
            &reading(4, 95.0, 0.0).text
        ));
        assert!(!better_reading(
            &reading(4, 95.0, 0.0).text,
            &reading(100, 70.0, 0.0).text
        ));
    }
}
