//! A deterministic generator of realistic, entirely synthetic clinical pages, for benchmarks
//! and tests of the search index at scale (a million pages in well under a minute).
//!
//! Documents are referral letters, clinic letters, discharge summaries and results pages
//! about patients with NHS numbers from the `999` test range (valid modulus 11 check
//! digits, never issued to real people), dated 2010 to 2025. Conditions are written
//! sometimes in full and sometimes abbreviated, with UK spelling (now and then US), and the
//! text gets OCR-style noise: `l`/`1`, `O`/`0`, `rn`/`m` confusions and dropped or merged
//! characters. Document `i` of a seed is always the same, so a benchmark can regenerate any
//! slice of the corpus without storing it.
//!
//! ```
//! use paperlite_synthetic::search::{Corpus, CorpusConfig};
//!
//! let corpus = Corpus::new(CorpusConfig { patients: 100, ..CorpusConfig::default() });
//! let pages: Vec<_> = corpus.pages().take(1_000).collect();
//! assert_eq!(pages.len(), 1_000);
//! assert_eq!(corpus.document(7).pages, corpus.document(7).pages);
//! ```

use chrono::{Datelike, NaiveDate};

mod vocabulary;
mod writer;

use self::vocabulary::{CONDITIONS, FIRST_NAMES_F, FIRST_NAMES_M, SURNAMES};
use self::writer::Writer;
use index::PageDoc;
use types::clinical::NhsNumber;
use types::rng::Rng;

/// Settings of a generated corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusConfig {
    /// Same seed, same corpus.
    pub seed: u64,
    /// Number of distinct patients (at most 900,000).
    pub patients: usize,
    /// Probability that a word gets an OCR error on an ordinary page; one page in ten is a
    /// poor scan with five times as many.
    pub ocr_error_rate: f64,
    /// First and last year of document dates.
    pub years: (i32, i32),
}

impl Default for CorpusConfig {
    fn default() -> Self {
        Self {
            seed: 2024,
            patients: 20_000,
            ocr_error_rate: 0.01,
            years: (2010, 2025),
        }
    }
}

/// A generated document: its pages, and the conditions it is about (ground truth).
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedDocument {
    pub pages: Vec<PageDoc>,
    /// Full names of the conditions the document names (in full, abbreviated or US-spelt),
    /// main one first; empty for results pages and appointment letters.
    pub conditions: Vec<&'static str>,
    /// The text of each page as written, before the OCR noise (ground truth for judging
    /// searches: a word the noise garbled is still in the document).
    pub clean_text: Vec<String>,
}

#[derive(Debug, Clone)]
struct Patient {
    nhs_number: String,
    first_name: &'static str,
    surname: &'static str,
    male: bool,
    birth_year: i32,
}

/// A deterministic corpus of synthetic clinical documents.
#[derive(Debug, Clone)]
pub struct Corpus {
    config: CorpusConfig,
    patients: Vec<Patient>,
}

/// The corpus's generator for `seed`: [`types::rng::Rng`] with its first draw skipped (as the
/// corpus has always been drawn, so a seed still gives the same pages).
pub fn seeded_rng(seed: u64) -> Rng {
    let mut rng = Rng::new(seed);
    rng.next_u64();
    rng
}

impl Corpus {
    /// Builds the patient list; documents are generated on demand.
    pub fn new(config: CorpusConfig) -> Self {
        let mut rng = seeded_rng(config.seed ^ 0x005E_ED0F_9A71_E475);
        let wanted = config.patients.clamp(1, 900_000);
        let mut patients = Vec::with_capacity(wanted);
        // Walk the 999 range with a stride coprime to 10^6 so numbers look scattered.
        let mut body: u64 = rng.next_u64() % 1_000_000;
        while patients.len() < wanted {
            body = (body + 7_919) % 1_000_000;
            let mut digits = [9u8, 9, 9, 0, 0, 0, 0, 0, 0];
            let mut rest = body;
            for slot in digits[3..].iter_mut().rev() {
                *slot = (rest % 10) as u8;
                rest /= 10;
            }
            let Some(check) = NhsNumber::check_digit(&digits) else {
                continue;
            };
            let nhs_number: String = digits
                .iter()
                .chain(std::iter::once(&check))
                .map(|d| char::from(b'0' + d))
                .collect();
            let male = rng.chance(0.5);
            patients.push(Patient {
                nhs_number,
                first_name: if male {
                    rng.choose(FIRST_NAMES_M)
                } else {
                    rng.choose(FIRST_NAMES_F)
                },
                surname: rng.choose(SURNAMES),
                male,
                birth_year: rng.range_i64(1925, 2005) as i32,
            });
        }
        Self { config, patients }
    }

    /// The configuration of this corpus.
    pub fn config(&self) -> &CorpusConfig {
        &self.config
    }

    /// Every page, document after document, without end: `.take(n)` what you need.
    pub fn pages(&self) -> impl Iterator<Item = PageDoc> + '_ {
        (0u64..).flat_map(move |i| self.document(i).pages)
    }

    /// Document number `index` (always the same for the same seed).
    pub fn document(&self, index: u64) -> GeneratedDocument {
        let mut rng = seeded_rng(self.config.seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let patient = rng.pick(&self.patients).clone();
        let (first_year, last_year) = self.config.years;
        let date = random_date(&mut rng, first_year, last_year.max(first_year));
        let main = rng.pick(CONDITIONS);
        let other = rng.pick(CONDITIONS);
        let kind = match rng.below(100) {
            0..=24 => Kind::Referral,
            25..=59 => Kind::Clinic,
            60..=74 => Kind::Discharge,
            75..=94 => Kind::Results,
            _ => Kind::Other,
        };
        // Letters and summaries name both conditions; results pages and appointment
        // letters name none.
        let mut conditions = Vec::new();
        if matches!(kind, Kind::Referral | Kind::Clinic | Kind::Discharge) {
            conditions.push(main.name);
            if other.name != main.name {
                conditions.push(other.name);
            }
        }
        let page_count = match kind {
            Kind::Results => 1 + rng.below(2),
            Kind::Discharge => 2 + rng.below(3),
            Kind::Other => 1,
            _ => 1 + rng.below(3),
        };
        let writer = Writer {
            patient: &patient,
            date,
            main,
            other,
        };
        let document_id = format!("synthetic-{}-{index:08}", self.config.seed);
        let file_name = format!(
            "scans/{}/{}_{}.pdf",
            date.year(),
            kind.type_name(),
            &document_id[document_id.len() - 8..]
        );
        let (pages, clean_text) = (1..=page_count)
            .map(|number| {
                let clean = writer.page(&mut rng, kind, number, page_count);
                let poor_scan = rng.chance(0.1);
                let rate = self.config.ocr_error_rate * if poor_scan { 5.0 } else { 1.0 };
                let text = add_ocr_noise(&mut rng, &clean, rate);
                let confidence =
                    (0.97 - rate * 4.0 - rng.below(30) as f64 / 1000.0).clamp(0.3, 0.99);
                let page = PageDoc {
                    document_id: document_id.clone(),
                    page_number: number as u32,
                    file_name: file_name.clone(),
                    nhs_number: Some(patient.nhs_number.clone()),
                    document_type: kind.type_name().to_string(),
                    document_date: Some(date),
                    confidence: confidence as f32,
                    text,
                };
                (page, clean)
            })
            .unzip();
        GeneratedDocument {
            pages,
            conditions,
            clean_text,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Referral,
    Clinic,
    Discharge,
    Results,
    Other,
}

impl Kind {
    /// The `paperlite-types` `DocumentType` names.
    fn type_name(self) -> &'static str {
        match self {
            Kind::Referral => "referral_letter",
            Kind::Clinic => "clinic_letter",
            Kind::Discharge => "discharge_summary",
            Kind::Results => "results",
            Kind::Other => "other",
        }
    }
}

fn random_date(rng: &mut Rng, first_year: i32, last_year: i32) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(NaiveDate::MIN);
    let end = NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap_or(start);
    let days = (end - start).num_days();
    start + chrono::Duration::days(rng.range_i64(0, days))
}

/// Corrupts about `rate` of the words the way OCR does.
fn add_ocr_noise(rng: &mut Rng, text: &str, rate: f64) -> String {
    if rate <= 0.0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        if word.len() < 3 || !rng.chance(rate) {
            out.push_str(word);
        } else {
            let corrupted = corrupt_word(rng, word);
            out.push_str(&corrupted);
            if corrupted.ends_with('\u{0}') {
                // Merge with the next word: drop the marker and the space.
                out.pop();
                continue;
            }
        }
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

/// One OCR error in `word`; a trailing NUL asks the caller to merge with the next word.
fn corrupt_word(rng: &mut Rng, word: &str) -> String {
    const SWAPS: [(&str, &str); 8] = [
        ("l", "1"),
        ("I", "1"),
        ("O", "0"),
        ("o", "0"),
        ("m", "rn"),
        ("rn", "m"),
        ("e", "c"),
        ("cl", "d"),
    ];
    for _ in 0..3 {
        let (from, to) = SWAPS[rng.below(SWAPS.len())];
        let positions: Vec<usize> = word.match_indices(from).map(|(i, _)| i).collect();
        if !positions.is_empty() {
            let at = positions[rng.below(positions.len())];
            return format!("{}{to}{}", &word[..at], &word[at + from.len()..]);
        }
    }
    match rng.below(3) {
        0 => {
            // Drop one character.
            let chars: Vec<char> = word.chars().collect();
            let at = rng.below(chars.len());
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, c)| *c)
                .collect()
        }
        1 => format!("{word}\u{0}"),
        _ => {
            // Split the word with a stray space.
            let chars: Vec<char> = word.chars().collect();
            let at = 1 + rng.below(chars.len() - 1);
            let (left, right) = chars.split_at(at);
            format!(
                "{} {}",
                left.iter().collect::<String>(),
                right.iter().collect::<String>()
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Corpus {
        Corpus::new(CorpusConfig {
            patients: 500,
            ..CorpusConfig::default()
        })
    }

    #[test]
    fn patients_have_valid_test_range_numbers() {
        let corpus = small();
        let numbers: std::collections::HashSet<&str> = corpus
            .patients
            .iter()
            .map(|p| p.nhs_number.as_str())
            .collect();
        assert_eq!(numbers.len(), 500);
        for number in numbers {
            assert!(number.starts_with("999"), "{number}");
            assert!(NhsNumber::is_valid(number), "{number}");
        }
    }

    #[test]
    fn documents_are_deterministic_and_seeds_differ() {
        let a = small();
        let b = small();
        assert_eq!(a.document(42), b.document(42));
        assert_ne!(a.document(42).pages, a.document(43).pages);
        let other = Corpus::new(CorpusConfig {
            seed: 7,
            ..a.config().clone()
        });
        assert_ne!(
            a.document(42).pages[0].text,
            other.document(42).pages[0].text
        );
    }

    #[test]
    fn pages_are_numbered_and_dated_within_range() {
        let corpus = small();
        for index in 0..300 {
            let document = corpus.document(index);
            for (i, page) in document.pages.iter().enumerate() {
                assert_eq!(page.page_number as usize, i + 1);
                assert_eq!(page.document_id, document.pages[0].document_id);
                let date = page.document_date.expect("dated");
                assert!((2010..=2025).contains(&date.year()), "{date}");
                assert!(page.text.len() > 200, "{}", page.text);
                assert!((0.0..=1.0).contains(&page.confidence));
            }
        }
    }

    #[test]
    fn ocr_noise_garbles_some_words_only() {
        let mut rng = seeded_rng(1);
        let text = "colonoscopy haemoglobin ".repeat(500);
        let noisy = add_ocr_noise(&mut rng, &text, 0.1);
        let garbled = noisy
            .split_whitespace()
            .filter(|w| *w != "colonoscopy" && *w != "haemoglobin")
            .count();
        assert!(
            garbled > 30 && garbled < 300,
            "{garbled} garbled words of 1000"
        );
        assert!(!noisy.contains('\u{0}'));
        assert_eq!(add_ocr_noise(&mut rng, &text, 0.0), text);
    }
}
