//! Fields taken from a document's text: NHS number (modulus 11 checked), date of birth,
//! letter date (UK formats) and the kind of document. Dates and the check digit are the shared
//! clinical primitives of [`types::clinical`].

use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::Regex;
use types::clinical::{self, NhsNumber};
use types::{DocumentType, Extraction, Word};

/// Maps characters OCR commonly confuses with digits back to digits.
fn ocr_digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            'O' | 'o' | 'D' | 'Q' => Some('0'),
            'l' | 'I' | '|' | 'i' | '!' => Some('1'),
            'S' | 's' => Some('5'),
            'B' => Some('8'),
            'Z' | 'z' => Some('2'),
            'G' => Some('6'),
            _ => None,
        })
        .collect()
}

static NHS_LABELLED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)NHS\s*(?:No\.?|Number|Num|#)?\s*(?:[:.]|[\s_|=\-]+|\.{2,}|[^\w\s]{1,3})*\s*([0-9OoIlSBZG|]{3}[ -]?[0-9OoIlSBZG|]{3}[ -]?[0-9OoIlSBZG|]{4})\b")
        .expect("valid regex")
});
/// The label alone, whatever follows it.
static NHS_LABEL: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)\bNHS\s*(?:No\b|No\.|Number|Num\b|#)").expect("valid regex"));
static NHS_BARE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b(\d{3})[ -]?(\d{3})[ -]?(\d{4})\b").expect("valid regex"));

/// Finds the patient's NHS number: a labelled one first (tolerating OCR's O/0 and l/1
/// confusions), otherwise the first 10-digit number that passes the check digit.
///
/// When the document labels an NHS number but no labelled number passes the check digit (a
/// digit misread), the number is unreadable: `None`, never some other 10-digit number from
/// the page, which could be another patient's.
pub fn find_nhs_number(text: &str) -> Option<String> {
    find_nhs_number_checked(text, &Confidences::default())
}

/// How confidently the OCR engine read each word with a digit in it (the lowest reading of
/// a word that occurs more than once), as the word appears in the text.
///
/// A misread NHS number can still pass the modulus 11 check (two wrong digits pass it one
/// time in eleven). When one document holds two valid numbers that differ in only a few
/// digits, one of them is a misreading of the other: the one the engine read with clearly
/// more confidence is kept, and with no such difference neither is stored (the field stays
/// empty for a person to fill in) rather than risk another patient's number.
#[derive(Debug, Clone, Default)]
pub struct Confidences {
    words: std::collections::HashMap<String, f32>,
}

impl Confidences {
    /// From the words of a document's pages: (text, confidence 0-100).
    pub fn from_words<'a>(words: impl IntoIterator<Item = (&'a str, f32)>) -> Confidences {
        let mut map = std::collections::HashMap::new();
        for (w, c) in words {
            if !w.chars().any(|ch| ch.is_ascii_digit()) {
                continue;
            }
            let e = map.entry(trim_word(w).to_string()).or_insert(c);
            *e = f32::min(*e, c);
        }
        Confidences { words: map }
    }

    /// The lowest confidence of the words of `span`, if every one of them is known.
    fn of(&self, span: &str) -> Option<f32> {
        span.split_whitespace()
            .map(|w| self.words.get(trim_word(w)).copied())
            .try_fold(f32::INFINITY, |lo, c| c.map(|c| lo.min(c)))
            .filter(|c| c.is_finite())
    }
}

fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// A number differing from another in at most this many digits is taken as its misreading.
const NEAR_DIGITS: usize = 3;
/// The confidence margin by which one of two near-identical numbers must be read better.
const CLEARLY_MORE_CONFIDENT: f32 = 5.0;

/// [`find_nhs_number`], with near-identical valid numbers in one document resolved by the
/// engine's confidence ([`Confidences`]).
pub fn find_nhs_number_checked(text: &str, confidences: &Confidences) -> Option<String> {
    find_nhs_number_read(text, confidences).map(|(number, _)| number)
}

/// [`find_nhs_number_checked`] with how confidently the engine read the number kept (the
/// lowest confidence of its words, where [`Confidences`] knows them all).
pub fn find_nhs_number_read(
    text: &str,
    confidences: &Confidences,
) -> Option<(String, Option<f32>)> {
    let (chosen, span) = find_nhs_candidate(text)?;
    // Every other valid 10-digit number of the document, however it is labelled.
    let rivals: Vec<(String, &str)> = NHS_BARE
        .captures_iter(text)
        .filter_map(|cap| {
            let m = cap.get(0)?;
            let digits = ocr_digits(m.as_str());
            (NhsNumber::is_valid(&digits) && digits != chosen).then_some((digits, m.as_str()))
        })
        .filter(|(d, _)| digits_differing(d, &chosen) <= NEAR_DIGITS)
        .collect();
    let mine = confidences.of(span);
    if rivals.is_empty() {
        return Some((chosen, mine));
    }
    let best_rival = rivals
        .iter()
        .filter_map(|(d, s)| Some((d, confidences.of(s)?)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    match (mine, best_rival) {
        (Some(c), Some((_, r))) if c >= r + CLEARLY_MORE_CONFIDENT => Some((chosen, mine)),
        (Some(c), Some((d, r))) if r >= c + CLEARLY_MORE_CONFIDENT => Some((d.clone(), Some(r))),
        _ => None,
    }
}

/// The labelled number (or, with no label, the first valid bare one) and its text.
fn find_nhs_candidate(text: &str) -> Option<(String, &str)> {
    // An "NHS No" / "NHS Number" label anywhere, even with a value OCR could not read as
    // digits, means the page names its patient's number: no other number stands in for it.
    let mut labelled = NHS_LABEL.is_match(text);
    for cap in NHS_LABELLED.captures_iter(text) {
        labelled = true;
        let digits = ocr_digits(&cap[1]);
        if NhsNumber::is_valid(&digits) {
            return Some((digits, cap.get(1)?.as_str()));
        }
    }
    if labelled {
        return unreadable_label_stand_in(text);
    }
    valid_bare_numbers(text).next()
}

/// Every bare 10-digit number of `text` that passes the check digit, with its text; longer
/// digit runs (phone numbers, lab numbers) that merely contain 10 digits are skipped.
fn valid_bare_numbers(text: &str) -> impl Iterator<Item = (String, &str)> {
    NHS_BARE.captures_iter(text).filter_map(move |cap| {
        let m = cap.get(0)?;
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let digits = format!("{}{}{}", &cap[1], &cap[2], &cap[3]);
        NhsNumber::is_valid(&digits).then_some((digits, m.as_str()))
    })
}

/// How many positions two digit strings differ in (over the shorter one's length).
fn digits_differing(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).filter(|(x, y)| x != y).count()
}

/// Where the labelled number could not be read (a misread digit breaks the check), the same
/// patient's number printed elsewhere on the document can stand in for it: a page footer or
/// header band ("QUARMBY, Harry (Mr) 999 685 8766 Page 1 of 2"). Only a number that passes
/// the check and agrees with what was read after the label in at least 8 of its 10 digits
/// (the same number, read right once and wrong once: another patient's number agrees with it
/// by chance about once in a million), and only when the document holds exactly one such
/// number.
fn unreadable_label_stand_in(text: &str) -> Option<(String, &str)> {
    let after_labels: Vec<String> = NHS_LABEL
        .find_iter(text)
        .map(|m| {
            let rest = &text[m.end()..];
            let line = rest.split('\n').next().unwrap_or("");
            ocr_digits(&line.chars().take(20).collect::<String>())
        })
        .collect();
    let agrees_with_label = |digits: &str| {
        after_labels
            .iter()
            .any(|read| read.len() >= 10 && digits_differing(read, digits) <= 2)
    };
    let mut found = valid_bare_numbers(text).filter(|(d, _)| agrees_with_label(d));
    let first = found.next()?;
    found.all(|(d, _)| d == first.0).then_some(first)
}

/// The date of birth and the letter date: the shared reading of [`types::clinical`] (the
/// triage rules compute the patient's age from the same two dates).
pub fn find_birth_and_letter_dates(text: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let (birth, letter) = clinical::find_birth_and_letter_dates(text);
    (birth.map(|d| d.date), letter.map(|d| d.date))
}

/// The document-type cues, `ocr/data/document_cues.txt` (see its header), compiled in.
const CUES_SRC: &str = include_str!("../data/document_cues.txt");

/// Parses the cue file: `(index into DocumentType::ALL, pattern, weight)` a line. Errors name
/// the line.
pub fn parse_cues(src: &str) -> Result<Vec<(usize, Regex, u32)>, String> {
    let mut cues = Vec::new();
    for (n, raw) in src.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, char::is_whitespace);
        let (Some(kind), Some(weight), Some(pattern)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("line {}: needs KIND WEIGHT PATTERN", n + 1));
        };
        let i = DocumentType::ALL
            .iter()
            .position(|t| t.as_str() == kind)
            .ok_or_else(|| format!("line {}: no document type {kind:?}", n + 1))?;
        let weight: u32 = weight
            .parse()
            .map_err(|_| format!("line {}: weight {weight:?} is not a whole number", n + 1))?;
        let re = Regex::new(&format!("(?i){}", pattern.trim()))
            .map_err(|e| format!("line {}: pattern does not compile: {e}", n + 1))?;
        cues.push((i, re, weight));
    }
    if cues.is_empty() {
        return Err("no cues".to_string());
    }
    Ok(cues)
}

/// Below this many points of evidence a document is `Other`.
const MIN_EVIDENCE: u32 = 3;

/// The built-in cues; a malformed file stops the program loudly (forced when the scanner
/// starts, see [`check_cues`]).
static CUE_PATTERNS: Lazy<Vec<(usize, Regex, u32)>> = Lazy::new(|| {
    parse_cues(CUES_SRC).unwrap_or_else(|e| panic!("ocr/data/document_cues.txt: {e}"))
});

/// Compiles the document-type cues now, so that a broken cue file fails at start-up.
pub fn check_cues() {
    Lazy::force(&CUE_PATTERNS);
}

static SPACES: Lazy<Regex> = Lazy::new(|| Regex::new(r"\s+").expect("valid regex"));

/// Points of evidence for each [`DocumentType::ALL`] kind.
pub fn document_type_scores(text: &str) -> [u32; 5] {
    let flat = SPACES.replace_all(text, " ");
    let mut scores = [0u32; 5];
    for (i, re, weight) in CUE_PATTERNS.iter() {
        let hits = re.find_iter(&flat).take(3).count() as u32;
        scores[*i] += hits * weight;
    }
    scores
}

/// Classifies a document from its text by weighted cue patterns.
pub fn classify_document(text: &str) -> DocumentType {
    let scores = document_type_scores(text);
    let (best, score) = scores
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))
        .map(|(i, s)| (i, *s))
        .unwrap_or((4, 0));
    if score < MIN_EVIDENCE {
        DocumentType::Other
    } else {
        DocumentType::ALL[best]
    }
}

/// Classifies a document of several pages (page texts joined by form feeds): by
/// [`classify_document`] over all of them, except that a document whose pages together read as
/// results but whose first page reads as a letter or summary is that letter or summary with a
/// results page attached (a referral with its blood results is a referral).
pub fn classify_pages(text: &str) -> DocumentType {
    let whole = classify_document(text);
    let first_page = text.split('\u{c}').next().unwrap_or(text);
    if whole != DocumentType::Results || first_page.len() == text.len() {
        return whole;
    }
    match classify_document(first_page) {
        DocumentType::Other => whole,
        first => first,
    }
}

/// A page's words re-read in rows by their positions, left to right, one row a line: a form's
/// label and its value come together even when the layout analysis read the labels as one
/// column and the values as another ("NHS no:" and, ten lines on, "999 880 3659"). A word
/// joins the row whose first word's height holds the word's vertical centre.
pub fn rows_text(words: &[Word]) -> String {
    let mut placed: Vec<&Word> = words.iter().filter(|w| w.bbox.h > 0).collect();
    placed.sort_by_key(|w| (w.bbox.y + w.bbox.h / 2, w.bbox.x));
    let mut rows: Vec<Vec<&Word>> = Vec::new();
    for w in placed {
        let centre = w.bbox.y + w.bbox.h / 2;
        match rows.last_mut() {
            Some(row) if (row[0].bbox.y..=row[0].bbox.y + row[0].bbox.h).contains(&centre) => {
                row.push(w)
            }
            _ => rows.push(vec![w]),
        }
    }
    rows.iter_mut()
        .map(|row| {
            row.sort_by_key(|w| w.bbox.x);
            row.iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Extracts every field from a document's text (all its pages, in order).
pub fn extract(text: &str) -> Extraction {
    extract_checked(text, &Confidences::default())
}

/// [`extract`] for OCR text: near-identical NHS numbers in one document are resolved by the
/// engine's word confidences ([`Confidences`]).
pub fn extract_checked(text: &str, confidences: &Confidences) -> Extraction {
    extract_with_rows(text, confidences, String::new)
}

/// [`extract_checked`], and where the text in reading order gives no NHS number or date of
/// birth, the same readers over `rows()` ([`rows_text`] of each page, made only then): a
/// label and its value read apart by the layout analysis. Every check still applies (a
/// labelled number must pass the modulus 11 check, near-identical numbers are resolved by
/// confidence).
pub fn extract_with_rows(
    text: &str,
    confidences: &Confidences,
    rows: impl FnOnce() -> String,
) -> Extraction {
    let (mut date_of_birth, mut letter_date) = find_birth_and_letter_dates(text);
    let mut nhs_number = find_nhs_number_read(text, confidences);
    if nhs_number.is_none() || date_of_birth.is_none() {
        let rows = rows();
        if nhs_number.is_none() {
            nhs_number = find_nhs_number_read(&rows, confidences);
        }
        if date_of_birth.is_none() {
            let (birth, letter) = find_birth_and_letter_dates(&rows);
            date_of_birth = birth;
            letter_date = letter_date.or(letter);
        }
    }
    let (nhs_number, nhs_number_confidence) = nhs_number.unzip();
    Extraction {
        nhs_number,
        date_of_birth,
        letter_date,
        document_type: classify_pages(text),
        nhs_number_confidence: nhs_number_confidence.flatten(),
        nhs_number_to_confirm: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn finds_labelled_and_spaced_nhs_numbers() {
        assert_eq!(
            find_nhs_number("Patient: Jane Doe\nNHS No: 943 476 5919\n").as_deref(),
            Some("9434765919")
        );
        assert_eq!(
            find_nhs_number("NHS Number 943-476-5919").as_deref(),
            Some("9434765919")
        );
        // Specks read as symbols between the label and the number.
        assert_eq!(
            find_nhs_number("PATIENT ILLINGWORTH Joan NHS No¥#943 476 5919").as_deref(),
            Some("9434765919")
        );
        // OCR read a 1 as l and a 0 as O next to the label.
        assert_eq!(
            find_nhs_number("NHS No. 4O1 O23 2l37").as_deref(),
            Some("4010232137")
        );
        // A labelled number with a misread digit is unreadable: no other number on the
        // page stands in for it (it could be another patient's).
        assert_eq!(
            find_nhs_number("NHS No: 943 476 5918\nref 401 023 2137").as_deref(),
            None
        );
        // ...unless the same number, read right elsewhere (a page footer), agrees with the
        // misread one in all but a digit or two.
        assert_eq!(
            find_nhs_number("NHS Number 999 685.8760... <0\nQUARMBY, H 999 685 8766 Page 1")
                .as_deref(),
            Some("9996858766")
        );
        assert_eq!(
            find_nhs_number("NHS No: 943 476 5918\nref 943 476 5919").as_deref(),
            Some("9434765919")
        );
        // A label whose value OCR garbled: unreadable, even when another number on the page
        // (here two misread digits that happen to pass the check) would pass.
        assert_eq!(
            find_nhs_number("NHS Number: «a9 S1o-oNK9\nMr X (NHS Nombre 401 023 2137)"),
            None
        );
        // "NHS" in another phrase is not the label.
        assert_eq!(
            find_nhs_number("NHS e-Referral Service\nPatient ref 401 023 2137").as_deref(),
            Some("4010232137")
        );
        // Without a label, a valid bare number is found.
        assert_eq!(
            find_nhs_number("Patient ref 401 023 2137").as_deref(),
            Some("4010232137")
        );
        // Part of a longer digit run (a phone number) does not count.
        // A form's cell borders and fill-in lines between the label and the value.
        assert_eq!(
            find_nhs_number("NHSNo _ | 943 476 5919 | DOB | 6 Oct 1963 |").as_deref(),
            Some("9434765919")
        );
        assert_eq!(
            find_nhs_number("NHS Number ........ 943 476 5919").as_deref(),
            Some("9434765919")
        );
        assert_eq!(find_nhs_number("Tel 09434765919 3"), None);
        assert_eq!(find_nhs_number("no numbers here"), None);
        // Two valid numbers a few digits apart in one document: one is a misreading. The
        // clearly better-read one is kept; with no clear difference, neither.
        let text = "HHS Number: 9994408127 ...\n\x0c\nNHS 9984468127 DOB";
        let conf = Confidences::from_words([("9994408127", 69.0), ("9984468127", 58.0)]);
        assert_eq!(
            find_nhs_number_checked(text, &conf).as_deref(),
            Some("9994408127")
        );
        let close = Confidences::from_words([("9994408127", 70.0), ("9984468127", 68.0)]);
        assert_eq!(find_nhs_number_checked(text, &close), None);
        assert_eq!(find_nhs_number_checked(text, &Confidences::default()), None);
        // The confidence kept with a number is its least confident word's, and that of the
        // rival when the rival wins; unknown when a word of it was not read by OCR.
        let spaced = "NHS No: 943 476 5919\nDOB 06/10/1963";
        let words = Confidences::from_words([("943", 96.0), ("476", 58.5), ("5919,", 91.0)]);
        assert_eq!(
            find_nhs_number_read(spaced, &words),
            Some(("9434765919".to_string(), Some(58.5)))
        );
        assert_eq!(
            find_nhs_number_read(text, &conf),
            Some(("9994408127".to_string(), Some(69.0)))
        );
        let flipped = Confidences::from_words([("9994408127", 50.0), ("9984468127", 80.0)]);
        assert_eq!(
            find_nhs_number_read(text, &flipped),
            Some(("9984468127".to_string(), Some(80.0)))
        );
        assert_eq!(
            find_nhs_number_read(spaced, &Confidences::default()),
            Some(("9434765919".to_string(), None))
        );
        // A different patient's number far from this one (a relative, a list) is no rival.
        let text = "NHS No: 943 476 5919\nMother: NHS 401 023 2137";
        assert_eq!(
            find_nhs_number_checked(text, &Confidences::default()).as_deref(),
            Some("9434765919")
        );
    }

    #[test]
    fn labels_and_values_read_as_separate_columns_are_paired_by_row() {
        let word = |text: &str, x: u32, y: u32| Word {
            text: text.to_string(),
            confidence: 90.0,
            bbox: types::BBox { x, y, w: 40, h: 20 },
            in_dictionary: None,
        };
        // The layout analysis read the label column first, then the values.
        let text = "Name:\nDOB:\nNHS No:\n\nJane Roe\n03/04/1951\n943 476 5919";
        let words = [
            word("Name:", 50, 100),
            word("DOB:", 50, 130),
            word("NHS", 50, 161),
            word("No:", 95, 160),
            word("Jane", 400, 102),
            word("Roe", 450, 101),
            word("03/04/1951", 400, 131),
            word("943", 400, 160),
            word("476", 450, 162),
            word("5919", 500, 160),
        ];
        let rows = rows_text(&words);
        assert_eq!(
            rows,
            "Name: Jane Roe\nDOB: 03/04/1951\nNHS No: 943 476 5919"
        );
        let plain = extract_checked(text, &Confidences::default());
        assert_eq!((plain.nhs_number, plain.date_of_birth), (None, None));
        let paired = extract_with_rows(text, &Confidences::default(), || rows.clone());
        assert_eq!(paired.nhs_number.as_deref(), Some("9434765919"));
        assert_eq!(paired.date_of_birth, d(1951, 4, 3));
        // A misread value still fails the check digit and is not stored.
        let misread = rows.replace("5919", "5918");
        let paired = extract_with_rows(text, &Confidences::default(), || misread);
        assert_eq!(paired.nhs_number, None);
    }

    #[test]
    fn tells_birth_date_from_letter_date() {
        let text = "Date: 14/06/2024\nRe: John Smith  DOB: 02.01.48  NHS No: 943 476 5919";
        assert_eq!(
            find_birth_and_letter_dates(text),
            (d(1948, 1, 2), d(2024, 6, 14))
        );
        // The typed date is the letter's; the clinic date stands in only without it.
        let clinic = "Clinic date: 27/05/2021\nDate typed: 04/06/2021\nDOB 01/02/1950";
        assert_eq!(
            find_birth_and_letter_dates(clinic),
            (d(1950, 2, 1), d(2021, 6, 4))
        );
        assert_eq!(
            find_birth_and_letter_dates("Clinic date: 27/05/2021"),
            (None, d(2021, 5, 27))
        );
        let unlabelled = "Date of birth 12 March 1956\nSeen 3rd January 2024 in clinic";
        assert_eq!(
            find_birth_and_letter_dates(unlabelled),
            (d(1956, 3, 12), d(2024, 1, 3))
        );
        // A two-digit birth year that would be in the future is last century.
        let (dob, _) = find_birth_and_letter_dates("D.O.B. 01/01/29");
        assert_eq!(dob, d(1929, 1, 1));
        assert_eq!(find_birth_and_letter_dates("nothing"), (None, None));
    }

    #[test]
    fn every_cue_pattern_compiles() {
        assert!(CUE_PATTERNS.len() > 20);
        assert!(parse_cues("referral_letter 3 pls see\n").is_ok());
        for (bad, why) in [
            ("referral 3 x", "no document type"),
            ("referral_letter three x", "whole number"),
            ("referral_letter 3 (unclosed", "does not compile"),
            ("referral_letter 3", "KIND WEIGHT PATTERN"),
            ("# nothing\n", "no cues"),
        ] {
            let err = parse_cues(bad).err().unwrap_or_default();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn referrals_in_many_layouts_are_recognised() {
        let letters = [
            // e-RS export
            "NHS e-Referral Service\nUBRN: 0001 2345 6789\nService: Gastroenterology\nPriority: Routine\nPatient: SMITH, Ann",
            // tick-box proforma
            "SUSPECTED LOWER GI CANCER\nRectal bleeding [X] Yes [ ] No\nWeight loss [ ] Yes [X] No\nFIT result: 150",
            // terse note
            "67yo M. PR bleed 3/52, wt loss. FIT 212. Pls see 2ww.",
            // SOAP note
            "S: 4/12 loose stools, nocturnal.\nO: abdo soft, calpro 450.\nA: ?IBD\nP: Refer gastro, thanks.",
            // dictated letter
            "Dear Dr Rao,\nThank you for seeing this pleasant 45 year old lady with heartburn.\nYours sincerely",
            // Dear Doctor with a request
            "Dear Doctor,\nRe: Mr Paul Jones\nI would be grateful for your opinion on his abnormal LFTs.",
            // GP-system export
            "Consultation 03-Feb-2024 Dr K Lee (GP)\nHistory: altered bowel habit\nPlan: Referral to gastroenterology (routine)\nProblems: Hypertension",
            // GP record summaries whose consultation entry holds the request
            "PATIENT RECORD SUMMARY\nCONSULTATIONS\n26/04/2019 Dr H Lin\nLoose stools with blood for five weeks. I would be grateful for an urgent assessment in the IBD clinic.",
            "PATIENT RECORD SUMMARY\nCONSULTATIONS\n03/01/2021 Dr P Orm\nLooser stools for eight weeks. I've referred him on the suspected lower GI cancer pathway.",
            // A terse note from another specialty whose request is a query diagnosis.
            "Station Road Surgery\nPt 76 yo woman. ?Asymmetric sensorineural hearing loss. Meds: Amlodipine. Many thanks.",
            // A terse note whose only request is its urgency line.
            "Castlegate Group Practice\nRE: Tariq G (28.03.54)\nPersistent cough and weight loss.\nUrgency: Urgent - suspected cancer.\nDr M. F",
            // A dot-matrix printout's heading as OCR misread it.
            "ST AIDAN'S MEDICAL CENTRE PRACTICE SYSTEM\nPATIENT : FAIRBAIRN, MAUREEN\nPEFERRA. TO GENERAL NEUROLOGY CLINIC\nSTARING AND UNRESPONSIVE FOR ABOUT A MINUTE.",
        ];
        for letter in letters {
            assert_eq!(
                classify_document(letter),
                DocumentType::ReferralLetter,
                "{letter}"
            );
        }
        // A hospital appointment letter is no referral.
        let appointment = "Outpatient Appointments Centre\nDear Mr Oyelaran,\nAn appointment has been made for you to see Professor Sethi in the Gastroenterology Clinic.\nPlease arrive 15 minutes before your appointment time. If you need to change or cancel this appointment please call us on 01632 960249.\nYours sincerely\nOutpatient Appointments Team";
        assert_ne!(classify_document(appointment), DocumentType::ReferralLetter);
        // A hospital reply to a referral stays a clinic letter.
        let reply = "Clinic date: 01/02/2024\nDear Dr Lee,\nThank you for referring Mr Jones, whom I saw today. Diagnosis: IBS. Follow-up in 6 months.";
        assert_eq!(classify_document(reply), DocumentType::ClinicLetter);
    }

    #[test]
    fn classifies_document_kinds() {
        let referral = "Dear Colleague,\nReason for referral: rectal bleeding.\nI would be grateful if you could see this 67 year old man. Priority: 2WW";
        let clinic = "Gastroenterology Clinic\nThank you for referring Mrs Jones, whom I saw in clinic today.\nPlan: OGD.";
        let discharge =
            "DISCHARGE SUMMARY\nDate of admission: 01/02/2024\nDate of discharge: 05/02/2024";
        let results = "HAEMATOLOGY\nTest   Result  Units  Reference range\nHb 98 g/L (130-180)";
        let other = "Please bring this card to your appointment.";
        assert_eq!(classify_document(referral), DocumentType::ReferralLetter);
        assert_eq!(classify_document(clinic), DocumentType::ClinicLetter);
        assert_eq!(classify_document(discharge), DocumentType::DischargeSummary);
        assert_eq!(classify_document(results), DocumentType::Results);
        assert_eq!(classify_document(other), DocumentType::Other);
        // A letter with its results attached on a second page is the letter; a results
        // report of two pages stays results.
        let attached = format!("{referral}\n\u{c}\n{results}\n{results}\n{results}");
        assert_eq!(classify_document(&attached), DocumentType::Results);
        assert_eq!(classify_pages(&attached), DocumentType::ReferralLetter);
        let report = format!("{results}\n\u{c}\n{results}");
        assert_eq!(classify_pages(&report), DocumentType::Results);
    }
}
