//! How well a page probably read, from what Tesseract reported about its words: the signal
//! behind `needs_review`.
//!
//! Three measurements, each cheap and independent of the document's content:
//! - the mean word confidence (weighted by characters);
//! - the share of characters in words Tesseract was unsure of (confidence below
//!   [`UNSURE_WORD_CONFIDENCE`]): a page can have a good mean and still a block of garbage;
//! - the share of words that look like no word, number, date or code at all ("junk"):
//!   specks and stains read as `~;,'` or `iIl|1`.
//!
//! [`ReviewRule`] combines them into the flag. Its defaults were chosen on the project's own
//! sample scans only and then checked on scans the pipeline was never tuned on
//! (BENCHMARKS.md, "Review flag").

use serde::{Deserialize, Serialize};
use types::Word;

/// Words read with less confidence than this (0-100) count as unsure.
pub const UNSURE_WORD_CONFIDENCE: f32 = 60.0;

/// The measurements of one page's reading.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PageQuality {
    pub words: usize,
    /// Mean word confidence weighted by characters, 0-100.
    pub mean_confidence: f32,
    /// Share (0-1) of characters in words read with confidence below
    /// [`UNSURE_WORD_CONFIDENCE`].
    pub unsure_share: f32,
    /// Share (0-1) of words that look like no word, number, date or code.
    pub junk_share: f32,
    /// How many times the reading goes back up the page by more than two line heights: a
    /// page read in columns (a form's labels, then its answers) or in blocks out of row order,
    /// where the text may be right word by word and wrong as a whole.
    #[serde(default)]
    pub order_jumps: usize,
    /// Share (0-1) of the words after which the reading does not go on to the next word in
    /// row order (the page's rows top to bottom, each left to right): a form read column by
    /// column, side-by-side blocks read one after the other.
    #[serde(default)]
    pub order_breaks: f32,
    /// Share (0-1) of the page's letter-sized ink, standing in rows, outside every recognised
    /// word ([`crate::unread::unread_text_share`]); needs the page image, so
    /// [`PageQuality::of`] leaves it 0.
    #[serde(default)]
    pub unread_text: f32,
    /// Share (0-1) of the page's word-like words (four or more characters, all letters but
    /// at most one) that Tesseract did not find in its dictionary: a misread word
    /// ("bleedmg", "Rectai") is seldom a word, while names, places and drugs keep the share
    /// of a clean letter above 0. 0 when fewer than [`MIN_DICTIONARY_WORDS`] such words carry
    /// Tesseract's verdict.
    #[serde(default)]
    pub off_dictionary: f32,
}

/// Fewer word-like words than this on a page say nothing about its dictionary share.
pub const MIN_DICTIONARY_WORDS: usize = 10;

impl PageQuality {
    /// Measures a page from its words.
    pub fn of(words: &[Word]) -> PageQuality {
        let mut chars = 0usize;
        let mut weighted = 0f64;
        let mut unsure = 0usize;
        let mut junk = 0usize;
        for w in words {
            let n = w.text.chars().count();
            chars += n;
            weighted += f64::from(w.confidence) * n as f64;
            if w.confidence < UNSURE_WORD_CONFIDENCE {
                unsure += n;
            }
            if is_junk(&w.text) {
                junk += 1;
            }
        }
        if words.is_empty() || chars == 0 {
            return PageQuality::default();
        }
        PageQuality {
            words: words.len(),
            mean_confidence: (weighted / chars as f64) as f32,
            unsure_share: unsure as f32 / chars as f32,
            junk_share: junk as f32 / words.len() as f32,
            order_jumps: order_jumps(words),
            order_breaks: order_breaks(words),
            unread_text: 0.0,
            off_dictionary: off_dictionary(words),
        }
    }
}

/// The share of word-like words that Tesseract did not find in its dictionary
/// ([`PageQuality::off_dictionary`]).
pub fn off_dictionary(words: &[Word]) -> f32 {
    let (mut judged, mut off) = (0usize, 0usize);
    for w in words {
        let Some(known) = w.in_dictionary else {
            continue;
        };
        let core = w.text.trim_matches(|c: char| !c.is_alphanumeric());
        let n = core.chars().count();
        let letters = core.chars().filter(|c| c.is_alphabetic()).count();
        if n >= 4 && letters + 1 >= n {
            judged += 1;
            off += usize::from(!known);
        }
    }
    if judged < MIN_DICTIONARY_WORDS {
        0.0
    } else {
        off as f32 / judged as f32
    }
}

/// The share of words (with a box) after which the reading order does not continue with the
/// next word in row order. Rows: words sorted by their vertical centre, a word joining the
/// row above when its centre lies within half a median word height of that row's first word.
pub fn order_breaks(words: &[Word]) -> f32 {
    let boxed: Vec<&Word> = words.iter().filter(|w| w.bbox.h > 0).collect();
    if boxed.len() < 2 {
        return 0.0;
    }
    let mut heights: Vec<u32> = boxed.iter().map(|w| w.bbox.h).collect();
    heights.sort_unstable();
    let half = f64::from(heights[heights.len() / 2]) / 2.0;
    let centre = |w: &Word| f64::from(w.bbox.y) + f64::from(w.bbox.h) / 2.0;
    let mut by_y: Vec<usize> = (0..boxed.len()).collect();
    by_y.sort_by(|a, b| centre(boxed[*a]).total_cmp(&centre(boxed[*b])));
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut row_centre = f64::NEG_INFINITY;
    for i in by_y {
        let c = centre(boxed[i]);
        match rows.last_mut() {
            Some(row) if c - row_centre <= half => row.push(i),
            _ => {
                rows.push(vec![i]);
                row_centre = c;
            }
        }
    }
    let mut rank = vec![0usize; boxed.len()];
    let mut next = 0;
    for row in &mut rows {
        row.sort_by_key(|i| boxed[*i].bbox.x);
        for i in row.iter() {
            rank[*i] = next;
            next += 1;
        }
    }
    let breaks = rank.windows(2).filter(|p| p[1] != p[0] + 1).count();
    breaks as f32 / (boxed.len() - 1) as f32
}

/// Times the reading order (the order of `words`) goes back up the page by more than two
/// median word heights. Words without a box are skipped.
pub fn order_jumps(words: &[Word]) -> usize {
    let boxed: Vec<&Word> = words.iter().filter(|w| w.bbox.h > 0).collect();
    let mut heights: Vec<u32> = boxed.iter().map(|w| w.bbox.h).collect();
    if heights.is_empty() {
        return 0;
    }
    heights.sort_unstable();
    let line = heights[heights.len() / 2];
    boxed
        .windows(2)
        .filter(|p| p[1].bbox.y + 2 * line < p[0].bbox.y)
        .count()
}

/// When a page is flagged for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewRule {
    /// Flag pages whose mean word confidence is below this (0-100).
    pub min_mean_confidence: f32,
    /// Flag pages where more than this share of characters is in unsure words.
    pub max_unsure_share: f32,
    /// Flag pages where more than this share of words is junk.
    pub max_junk_share: f32,
    /// Flag pages where more than this share of the letter-sized ink in rows lies outside
    /// every recognised word.
    pub max_unread_text: f32,
    /// Flag pages read out of row order after more than this share of their words.
    pub max_order_breaks: f32,
    /// Flag pages where more than this share of the word-like words is no word Tesseract
    /// knows ([`PageQuality::off_dictionary`]).
    pub max_off_dictionary: f32,
}

impl Default for ReviewRule {
    fn default() -> Self {
        ReviewRule {
            min_mean_confidence: 85.0,
            max_unsure_share: 0.12,
            max_junk_share: 0.03,
            max_unread_text: 0.06,
            max_order_breaks: 0.12,
            max_off_dictionary: 1.0,
        }
    }
}

impl ReviewRule {
    /// Why the page should be reviewed, in words a records officer can act on; `None` when
    /// it read well.
    pub fn reason(&self, q: &PageQuality) -> Option<String> {
        if q.words == 0 {
            return None;
        }
        if q.mean_confidence < self.min_mean_confidence {
            return Some(format!(
                "read with low confidence ({:.0} of 100)",
                q.mean_confidence
            ));
        }
        if q.unsure_share > self.max_unsure_share {
            return Some(format!(
                "{:.0}% of the text was read with low confidence",
                q.unsure_share * 100.0
            ));
        }
        if q.junk_share > self.max_junk_share {
            return Some(format!(
                "{:.0}% of the words look like specks or stains, not text",
                q.junk_share * 100.0
            ));
        }
        if q.unread_text > self.max_unread_text {
            return Some(format!(
                "about {:.0}% of the text on the page was not read",
                q.unread_text * 100.0
            ));
        }
        if q.off_dictionary > self.max_off_dictionary {
            return Some(format!(
                "{:.0}% of the words read are no words Tesseract knows",
                q.off_dictionary * 100.0
            ));
        }
        if q.order_breaks > self.max_order_breaks {
            return Some(format!(
                "the page was read out of its row order in {:.0}% of places (columns or \
                 blocks): check the text against the image",
                q.order_breaks * 100.0
            ));
        }
        None
    }
}

/// The page's text and words without the words made only of marks (no letter or digit)
/// that were read with a confidence below `below`: specks, stains and streaks read as `.`,
/// `:`, `‘` or `|`. The words are matched to the text's tokens in reading order (Tesseract
/// writes both from one result); `None`, and nothing dropped, when they do not match.
pub fn drop_marks(text: &str, words: &[Word], below: f32) -> Option<(String, Vec<Word>)> {
    let mark = |w: &Word| !w.text.chars().any(char::is_alphanumeric) && w.confidence < below;
    let mut next = words.iter();
    let mut out = String::with_capacity(text.len());
    let mut pending_break = "";
    for line in text.split('\n') {
        let mut kept = Vec::new();
        for token in line.split_whitespace() {
            let word = next.next().filter(|w| w.text == token)?;
            if !mark(word) {
                kept.push(token);
            }
        }
        if line.trim().is_empty() {
            pending_break = "\n\n";
            continue;
        }
        if kept.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_break.is_empty() {
                "\n"
            } else {
                pending_break
            });
        }
        pending_break = "";
        out.push_str(&kept.join(" "));
    }
    if next.next().is_some() {
        return None;
    }
    let kept = words.iter().filter(|w| !mark(w)).cloned().collect();
    Some((out, kept))
}

/// A word that is not a word, number, date, code or common symbol run.
pub fn is_junk(word: &str) -> bool {
    if !word.chars().any(char::is_alphanumeric) {
        // A lone dash, bullet or symbol is layout, as is a rule of dashes or dots; any
        // other run of marks is not text.
        return word.chars().count() > 1 && !word.chars().all(|c| "-._=*".contains(c));
    }
    let core = word.trim_matches(|c: char| ".,;:!?\"'()[]{}«»“”‘’".contains(c));
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let digits = core.chars().filter(|c| c.is_ascii_digit()).count();
    let others = core.chars().count() - letters - digits;
    let allowed_other = |c: char| "-/.:'’%&+=<>@#£$*~x×°_".contains(c);
    if core
        .chars()
        .any(|c| !c.is_alphanumeric() && !allowed_other(c))
    {
        return true;
    }
    if others > letters + digits {
        return true;
    }
    // A short all-letter run mixing case oddly ("lIl", "iI") is a stroke read as letters.
    if digits == 0 && letters <= 3 && core.chars().all(|c| "lIi|!1".contains(c)) && letters > 1 {
        return true;
    }
    // Letters and digits interleaved more than a code would be ("l0O1l", "S5e3"): count the
    // switches between letter and digit runs.
    let mut switches = 0;
    let mut last: Option<bool> = None;
    for c in core.chars().filter(|c| c.is_alphanumeric()) {
        let is_digit = c.is_ascii_digit();
        if last.is_some_and(|l| l != is_digit) {
            switches += 1;
        }
        last = Some(is_digit);
    }
    switches >= 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use types::BBox;

    fn w(text: &str, confidence: f32) -> Word {
        Word {
            text: text.into(),
            confidence,
            bbox: BBox::default(),
            in_dictionary: None,
        }
    }

    #[test]
    fn words_numbers_dates_and_codes_are_not_junk() {
        for ok in [
            "Rectal",
            "bleeding,",
            "(Hb",
            "98",
            "g/L",
            "12/03/1956",
            "999-123-4567",
            "G50210",
            "2WW",
            "O/E:",
            "ug/g.",
            "-",
            "£20",
            "e-Referral",
            "Crohn's",
            "3x",
            "<4",
            "50%",
            "RE:",
        ] {
            assert!(!is_junk(ok), "{ok} called junk");
        }
    }

    #[test]
    fn unsure_marks_are_dropped_from_text_and_words() {
        let words = [
            w(".", 20.0),
            w("Hb", 95.0),
            w("98", 91.0),
            w("-", 90.0),
            w("‘", 30.0),
            w("ferritin", 93.0),
            w("8.", 90.0),
            w(":", 12.0),
        ];
        let text = ". Hb 98 - ‘\n\nferritin 8.\n:";
        let (clean, kept) = drop_marks(text, &words, 70.0).unwrap_or_default();
        assert_eq!(clean, "Hb 98 -\n\nferritin 8.");
        assert_eq!(
            kept.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(),
            ["Hb", "98", "-", "ferritin", "8."],
            "a confident dash and punctuation inside a word stay"
        );
        // Words that do not match the text: nothing is dropped.
        assert!(drop_marks("Hb 98", &words, 70.0).is_none());
        assert!(drop_marks(". Hb", &words[..1], 70.0).is_none());
    }

    #[test]
    fn specks_and_strokes_are_junk() {
        for junk in [
            "~;,'", "|||", "lIl", "l0O1l", "‚„", "\\\\", "S5e3k9", "^^", "—_~",
        ] {
            assert!(is_junk(junk), "{junk} not called junk");
        }
    }

    #[test]
    fn quality_of_a_page() {
        let words = vec![w("Rectal", 96.0), w("bleeding", 90.0), w("~;,'", 20.0)];
        let q = PageQuality::of(&words);
        assert_eq!(q.words, 3);
        assert!((q.junk_share - 1.0 / 3.0).abs() < 1e-6);
        // 4 of 18 characters are in the unsure word.
        assert!((q.unsure_share - 4.0 / 18.0).abs() < 1e-6);
        assert_eq!(PageQuality::of(&[]), PageQuality::default());
    }

    #[test]
    fn dictionary_share_counts_word_like_words_with_a_verdict() {
        let judged = |text: &str, known| Word {
            in_dictionary: Some(known),
            ..w(text, 90.0)
        };
        // 12 word-like words, 3 unknown to the dictionary; numbers, short words, codes and
        // words without a verdict are not counted.
        let mut words: Vec<Word> = (0..9).map(|_| judged("bleeding,", true)).collect();
        words.extend(["Rectai", "bleedmg", "(Okafor)"].map(|t| judged(t, false)));
        words.extend(["999", "of", "D3171844K", "12/03/1951"].map(|t| judged(t, false)));
        words.push(w("unknown", 90.0));
        assert!((off_dictionary(&words) - 0.25).abs() < 1e-6);
        assert!((PageQuality::of(&words).off_dictionary - 0.25).abs() < 1e-6);
        // Too few word-like words say nothing.
        assert_eq!(off_dictionary(&words[9..]), 0.0);
    }

    #[test]
    fn review_rule_names_the_reason() {
        let rule = ReviewRule {
            min_mean_confidence: 70.0,
            max_unsure_share: 0.2,
            max_junk_share: 0.1,
            max_unread_text: 0.2,
            max_order_breaks: 0.12,
            max_off_dictionary: 1.0,
        };
        let good = PageQuality {
            words: 200,
            mean_confidence: 92.0,
            unsure_share: 0.05,
            junk_share: 0.01,
            order_jumps: 0,
            order_breaks: 0.0,
            unread_text: 0.03,
            off_dictionary: 0.45,
        };
        // The dictionary check is off at 1.
        assert_eq!(rule.reason(&good), None);
        let strict = ReviewRule {
            max_off_dictionary: 0.3,
            ..rule.clone()
        };
        assert!(strict
            .reason(&good)
            .unwrap()
            .contains("45% of the words read are no words Tesseract knows"));
        let dim = PageQuality {
            mean_confidence: 55.0,
            ..good
        };
        assert!(rule.reason(&dim).unwrap().contains("low confidence (55"));
        let patchy = PageQuality {
            unsure_share: 0.3,
            ..good
        };
        assert!(rule.reason(&patchy).unwrap().contains("30% of the text"));
        let specks = PageQuality {
            junk_share: 0.25,
            ..good
        };
        assert!(rule.reason(&specks).unwrap().contains("specks"));
        let incomplete = PageQuality {
            unread_text: 0.35,
            ..good
        };
        assert!(rule
            .reason(&incomplete)
            .unwrap()
            .contains("35% of the text on the page was not read"));
        // A form read column by column: every word right, the page wrong as a whole.
        let columns = PageQuality {
            order_breaks: 0.2,
            ..good
        };
        assert!(rule.reason(&columns).unwrap().contains("row order in 20%"));
    }

    fn at(text: &str, x: u32, y: u32) -> Word {
        Word {
            text: text.into(),
            confidence: 90.0,
            bbox: BBox { x, y, w: 40, h: 20 },
            in_dictionary: None,
        }
    }

    #[test]
    fn reading_back_up_the_page_is_counted() {
        // Row order: left to right, top to bottom.
        let rows = [
            at("Name", 0, 0),
            at("Jo", 300, 0),
            at("DOB", 0, 40),
            at("1/2/50", 300, 40),
        ];
        assert_eq!(order_jumps(&rows), 0);
        // The same form read in columns: the labels, then back up for the answers.
        let columns = [
            at("Name", 0, 0),
            at("DOB", 0, 40),
            at("Dysphagia", 0, 80),
            at("Jo", 300, 0),
            at("1/2/50", 300, 40),
            at("No", 300, 80),
        ];
        assert_eq!(order_jumps(&columns), 1);
        assert_eq!(order_breaks(&rows), 0.0);
        // Name -> DOB -> Dysphagia -> Jo -> 1/2/50 -> No: every step but none is a break.
        assert_eq!(order_breaks(&columns), 1.0);
        // A word a little above the last (a superscript, a wavy line) is no jump.
        assert_eq!(order_jumps(&[at("a", 0, 40), at("b", 50, 10)]), 0);
        assert_eq!(PageQuality::of(&columns).order_jumps, 1);
    }
}
