//! Clinical primitives every crate reads the same way: UK dates (day first), the date of birth
//! near its label, age at a date, and the NHS number (a validated newtype with the modulus 11
//! check digit).
//!
//! Readers tolerate what OCR does to digits in a date (`O` for `0`, `l`/`I` for `1`). Offsets
//! are byte offsets into the text given, always on character boundaries.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// Ages above this are not believed (a mistyped year of birth).
pub const MAX_AGE: u32 = 120;

// ---------------------------------------------------------------------------------------------
// NHS number
// ---------------------------------------------------------------------------------------------

/// A 10-digit NHS number whose modulus 11 check digit is valid. Stored as the ten digits;
/// displayed as "943 476 5919".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NhsNumber(String);

/// Why a string is not an NHS number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NhsNumberError {
    /// Not ten digits (spaces and hyphens aside).
    NotTenDigits(String),
    /// Ten digits whose last is not the modulus 11 check digit of the first nine.
    BadCheckDigit(String),
}

impl fmt::Display for NhsNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NhsNumberError::NotTenDigits(s) => {
                write!(f, "{s:?} is not an NHS number: it needs ten digits")
            }
            NhsNumberError::BadCheckDigit(s) => {
                write!(f, "{s:?} is not an NHS number: the check digit is wrong")
            }
        }
    }
}

impl std::error::Error for NhsNumberError {}

impl NhsNumber {
    /// The modulus 11 check digit of the first nine digits, or `None` when the remainder
    /// makes every number with these nine digits invalid (check value 10).
    pub fn check_digit(first_nine: &[u8; 9]) -> Option<u8> {
        let sum: u32 = first_nine
            .iter()
            .enumerate()
            .map(|(i, d)| u32::from(*d) * (10 - i as u32))
            .sum();
        match 11 - (sum % 11) {
            11 => Some(0),
            10 => None,
            c => Some(c as u8),
        }
    }

    /// Parses ten digits, with or without spaces and hyphens ("943 476 5919", "943-476-5919"),
    /// and checks the check digit.
    pub fn parse(s: &str) -> Result<NhsNumber, NhsNumberError> {
        let digits: Option<Vec<u8>> = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .map(|c| c.to_digit(10).map(|d| d as u8))
            .collect();
        let digits = match digits {
            Some(d) if d.len() == 10 => d,
            _ => return Err(NhsNumberError::NotTenDigits(s.to_string())),
        };
        let mut nine = [0u8; 9];
        nine.copy_from_slice(&digits[..9]);
        if NhsNumber::check_digit(&nine) != Some(digits[9]) {
            return Err(NhsNumberError::BadCheckDigit(s.to_string()));
        }
        Ok(NhsNumber(
            digits.iter().map(|d| char::from(b'0' + d)).collect(),
        ))
    }

    /// Whether `s` parses as a valid NHS number.
    pub fn is_valid(s: &str) -> bool {
        NhsNumber::parse(s).is_ok()
    }

    /// The ten digits, no spaces.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "943 476 5919".
    pub fn spaced(&self) -> String {
        format!("{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

impl fmt::Display for NhsNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spaced())
    }
}

impl FromStr for NhsNumber {
    type Err = NhsNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NhsNumber::parse(s)
    }
}

impl TryFrom<String> for NhsNumber {
    type Error = NhsNumberError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        NhsNumber::parse(&s)
    }
}

impl From<NhsNumber> for String {
    fn from(n: NhsNumber) -> String {
        n.0
    }
}

// ---------------------------------------------------------------------------------------------
// Dates and age
// ---------------------------------------------------------------------------------------------

/// A date written in a UK format, and where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UkDate {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
    /// The year was written with two digits (read as 2000-2030, else 1931-1999).
    pub short_year: bool,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The month (1-12) a month's name or its abbreviation starts with ("Sept", "february").
pub fn month_number(name: &str) -> Option<u32> {
    let name = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| name.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn compile(pattern: &str) -> Regex {
    // The patterns are fixed: a failure here is a programming error, caught by the tests
    // (`every_pattern_compiles`), and must be loud.
    match Regex::new(pattern) {
        Ok(re) => re,
        Err(e) => panic!("clinical pattern does not compile: {e}"),
    }
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)
        \b(?:
            (?P<d1>[0-9OIl]{1,2})\s*[/.\-]\s*(?P<m1>[0-9OIl]{1,2})\s*[/.\-]\s*(?P<y1>[0-9OIl]{4}|\d{2})
          | (?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)
          | (?P<d2>\d{1,2})(?:st|nd|rd|th)?[\s\-]*(?:of\s+)?(?P<m2>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[\s,\-|]*(?P<y2>\d{4}|'?\d{2})
          | (?P<d4>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m4>[a-z]{5,9})[\s,\-|]*(?P<y4>\d{4})
        )\b",
    )
});

fn ocr_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'O' | 'o' => '0',
            'I' | 'l' => '1',
            c => c,
        })
        .collect()
}

fn year_from(s: &str) -> Option<(i32, bool)> {
    let digits = ocr_digits(s.trim_start_matches('\''));
    let short = digits.len() == 2;
    let mut year: i32 = digits.parse().ok()?;
    if short {
        year += if year <= 30 { 2000 } else { 1900 };
    }
    (1880..=2100).contains(&year).then_some((year, short))
}

/// A month's full name of five letters or more with one letter misread by OCR ("Tebruary",
/// "Octobcr"): its number. Shorter names are left alone ("Jure" could be June or July).
fn month_misread(word: &str) -> Option<u32> {
    const FULL: [(&str, u32); 9] = [
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
    ];
    let word = word.to_ascii_lowercase();
    FULL.iter().find_map(|(name, month)| {
        let differ = (name.len() == word.len()).then(|| {
            name.bytes()
                .zip(word.bytes())
                .filter(|(a, b)| a != b)
                .count()
        });
        (differ == Some(1)).then_some(*month)
    })
}

/// OCR reads a zero as "@" in some typefaces ("@9-JUL-1934", "2@/01/1961"): an "@" with a
/// digit after it and no letter, digit or dot before it, or with a digit before it and a digit
/// or date separator after it, is read as 0 (an e-mail address has a letter or a dot before
/// its "@"). The text keeps its length, so every offset stays valid. `None` when there is
/// nothing to change.
fn zero_for_at_signs(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let zero_at = |i: usize| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 1).copied();
        let digit_after = after.is_some_and(|c| c.is_ascii_digit());
        match before {
            Some(c) if c.is_ascii_digit() => {
                digit_after || matches!(after, Some(b'/' | b'.' | b'-'))
            }
            Some(c) if c.is_ascii_alphanumeric() || c == b'.' => false,
            _ => digit_after,
        }
    };
    let positions: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'@' && zero_at(i))
        .collect();
    if positions.is_empty() {
        return None;
    }
    let mut out = bytes.to_vec();
    for i in positions {
        out[i] = b'0';
    }
    String::from_utf8(out).ok()
}

/// A label just before a numeric date that names its format month first ("Date
/// (MM/DD/YYYY): 07/17/2025", "DOB mm/dd/yy 03/02/99"), as letters from North American
/// systems and writers do. Only a label on the date's own line counts: a UK letter's dates are
/// day first whatever a note elsewhere says.
static MONTH_FIRST_LABEL: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)\bmm\s*[/.\-]\s*dd\s*[/.\-]\s*(?:yy){1,2}\b[^0-9]*$"));

fn labelled_month_first(text: &str, start: usize) -> bool {
    MONTH_FIRST_LABEL.is_match(label_before(text, start))
}

/// Every UK-format date in `text`, in order: "12/03/1956", "3.4.24", "1st February 2023",
/// "9 Sept 2021", "30-Nov-19", "5 May '61", and ISO "2024-03-12". Day first: 03/04/2024 is
/// 3 April, unless a label on its line names the format month first ("DOB (MM/DD/YYYY):
/// 04/03/2024" is 3 April). Impossible dates (31/02) are skipped.
pub fn find_uk_dates(text: &str) -> Vec<UkDate> {
    let at_as_zero = zero_for_at_signs(text);
    let text = at_as_zero.as_deref().unwrap_or(text);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(cap) = DATE.captures_at(text, from) {
        let Some(m) = cap.get(0) else { break };
        // A numeric match that runs straight into another separator and digit is the tail of
        // something longer ("D.O.B." read "0.0.8." before "06.11.23"; "8. 01/02" of
        // "8. 01/02/1950"): it is no date, and the search goes on from its next character, so
        // that it cannot swallow the date that follows.
        if cap.name("d1").is_some() && runs_on(text, m.end()) {
            from = next_char(text, m.start());
            continue;
        }
        from = m.end().max(next_char(text, m.start()));
        if let Some(d) = uk_date(text, &cap) {
            found.push(d);
        }
    }
    found
}

/// Whether `text` goes on at `at` with a date separator and a digit.
fn runs_on(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    matches!(rest.next(), Some('/' | '.' | '-')) && rest.next().is_some_and(|c| c.is_ascii_digit())
}

/// The byte offset of the character after the one at `at`.
fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

/// The date of one match of [`DATE`], if it is a real date.
fn uk_date(text: &str, cap: &regex::Captures<'_>) -> Option<UkDate> {
    let m = cap.get(0)?;
    let (day, month, (year, short_year)) = if let Some(d) = cap.name("d1") {
        let first = ocr_digits(d.as_str()).parse::<u32>().ok()?;
        let second = ocr_digits(cap.name("m1")?.as_str()).parse::<u32>().ok()?;
        let year = year_from(cap.name("y1")?.as_str())?;
        if labelled_month_first(text, m.start()) {
            (second, first, year)
        } else {
            (first, second, year)
        }
    } else if let Some(y) = cap.name("y3") {
        (
            cap.name("d3")?.as_str().parse().ok()?,
            cap.name("m3")?.as_str().parse().ok()?,
            year_from(y.as_str())?,
        )
    } else if let Some(d) = cap.name("d4") {
        (
            d.as_str().parse().ok()?,
            month_misread(cap.name("m4")?.as_str())?,
            year_from(cap.name("y4")?.as_str())?,
        )
    } else {
        let month = month_number(cap.name("m2")?.as_str())?;
        (
            cap.name("d2")?.as_str().parse().ok()?,
            month,
            year_from(cap.name("y2")?.as_str())?,
        )
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(UkDate {
        date,
        start: m.start(),
        end: m.end(),
        short_year,
    })
}

/// Parses one date written in a UK format (the whole string, surrounding spaces aside).
pub fn parse_uk_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let found = find_uk_dates(s);
    match found.as_slice() {
        [d] if d.start == 0 && d.end == s.len() => Some(d.date),
        _ => None,
    }
}

/// Whole years from `dob` to `on`; `None` when `on` is before `dob` or the age is above
/// [`MAX_AGE`].
pub fn age_at(dob: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < dob {
        return None;
    }
    let mut years = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    let years = u32::try_from(years).ok()?;
    (years <= MAX_AGE).then_some(years)
}

/// What the words just before a date say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLabel {
    /// "DOB", "D.O.B.", "Date of birth", "born (on)", "birth date".
    Birth,
    /// "Date", "Dated", "Letter date", "Date typed/dictated/sent/printed".
    Letter,
    /// "Clinic date", "Referral date", "Seen on", "Date of referral": stands in for the letter
    /// date when there is none.
    Event,
    Unlabelled,
}

/// The birth labels: "DOB", "D.O.B.", "Date of birth", "born (on)", "birth date", and "DOB"
/// in capitals as OCR misreads it, one letter at a time ("OOB", "B08", "D08": never "DOD",
/// which is the date of death).
static BIRTH_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:\bD\.?\s?[O0QG]\.?\s?B\b\.?|(?-i:\b[DO0B][O0QGCD][B8]\b)|(?-i:\b[DO0]\.\s?[O0QGD]\.\s?[B8]\b\.?)|\bdate\s+of\s+birth|\bborn(?:\s+on)?|\bbirth\s*date|\bb\.\s?d\.|\bbirth\s*:)\s*(?:(?:/|&|and)\s*age\s*)?(?:\([^)]{0,12}\))?\s*[:.\-=]?\s*$",
    )
});
static LETTER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:^|[^a-z])(?:date(?:d)?|letter\s+date|date\s+of\s+letter|date\s+(?:typed|dictated|sent|printed|of\s+referral\s+letter)|typed|dictated|printed|sent)\s*(?:on)?\s*(?:\([^)]{0,12}\))?\s*[:.\-]?\s*$",
    )
});
static EVENT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:date\s+of\s+(?:clinic|referral|report|discharge|consultation)|clinic\s+date|referral\s+date|consultation\s+date|report(?:ed)?(?:\s+(?:date|on))?|received(?:\s+(?:date|on))?|discharge\s+date|seen\s+on|referred\s+on|collected(?:\s+on)?|(?:sample|specimen)\s+(?:date|taken|collected)|date\s+(?:collected|of\s+sample))\s*[:.\-]?\s*$",
    )
});

/// The words on the same line just before `start` (at most 40 bytes).
fn label_before(text: &str, start: usize) -> &str {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    // A form's label may stand a wide column gap, a run of leader dots or a cell border away
    // from its value ("Date of birth .......... 26 March 1951", "DOB | 6 Oct 1963"): measure
    // from the end of the label.
    // Scanner specks read as symbols in the gap count as gap too ("D.O.B. © ; 17/09/1958").
    let gap = text[line_start..start]
        .trim_end_matches([
            ' ', '\t', '.', '…', '|', ';', ',', '©', '®', '°', '«', '»', '"', '\'', '~', '_',
        ])
        .len();
    let end = line_start + gap;
    let mut from = end.saturating_sub(40).max(line_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..end]
}

/// The label of the date that starts at byte `start` of `text`.
pub fn date_label(text: &str, start: usize) -> DateLabel {
    if !text.is_char_boundary(start) || start > text.len() {
        return DateLabel::Unlabelled;
    }
    let before = label_before(text, start);
    if BIRTH_LABEL.is_match(before) {
        DateLabel::Birth
    } else if EVENT_LABEL.is_match(before) {
        DateLabel::Event
    } else if LETTER_LABEL.is_match(before) {
        DateLabel::Letter
    } else {
        DateLabel::Unlabelled
    }
}

/// A birth label with nothing after it on its line but other column headings: "Date of
/// birth:" alone, or a table heading row "Name  DOB  NHS number".
static BIRTH_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)(?:\bD\.?\s?O\.?\s?B\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b)")
});

/// The date of birth: the first date labelled "DOB", "D.O.B.", "Date of birth" or "born" on
/// its own line; failing that, a date on the line after a line that holds the label and no
/// date (a label above its value, or a table's heading row: the earliest date of that row).
/// A two-digit year that would put the birth after `on` (or after today, when `on` is
/// `None`) is read a century earlier; one that both centuries allow (a birth on or before
/// `on`, and an age under 110: "12/05/19" read in 2026 is 7 or 107 years old, and an OCR
/// that cut "1930" to "19" looks the same) is no date of birth at all: a wrong one would be
/// another patient's.
pub fn find_date_of_birth(text: &str, on: Option<NaiveDate>) -> Option<UkDate> {
    let dates = find_uk_dates(text);
    let mut dob = dates
        .iter()
        .find(|d| date_label(text, d.start) == DateLabel::Birth)
        .copied()
        .or_else(|| birth_below_its_label(text, &dates))
        .or_else(|| birth_loosely_after_label(text))?;
    let limit = on.unwrap_or_else(|| chrono::Local::now().date_naive());
    if dob.short_year {
        let later = dob.date.with_year(2000 + dob.date.year() % 100);
        let earlier = dob.date.with_year(1900 + dob.date.year() % 100);
        let possible = |d: &NaiveDate| *d <= limit && age_at(*d, limit).is_some_and(|a| a < 110);
        dob.date = match (later.filter(possible), earlier.filter(possible)) {
            (Some(date), None) | (None, Some(date)) => date,
            _ => return None,
        };
    }
    Some(dob)
}

/// A date of birth right after its label whose separators a scan lost or garbled ("Date of
/// Birth | 08 05 1984", "D.O.B.: 2'0.04.71"): only where no date reads cleanly, and only
/// right after the label, where a run of day, month and year can be nothing else.
fn birth_loosely_after_label(text: &str) -> Option<UkDate> {
    static LOOSE: LazyLock<Regex> = LazyLock::new(|| {
        compile(
            r"(?i)(?:\bD\.?\s?[O0QG]\.?\s?B\b\.?|(?-i:\b[DO0B][O0QGCD][B8]\b)|\bdate\s+of\s+birth\b|\bbirth\s*date\b)\s*(?:\([^)\n]{0,12}\))?[ \t]*[:.\-=|]?[ \t]*(?:(?P<d>\d['’‘`]?\d?)[ \t]*[/.\- ][ \t]*(?P<m>\d['’‘`]?\d?)[ \t]*[/.\- ][ \t]*(?P<y>(?:19|20)\d\d|\d\d)\b|(?P<run>\d[0-9'’‘` \t/.\-]{4,13}\d)\b)",
        )
    });
    let cap = LOOSE.captures_iter(text).next()?;
    if let Some(run) = cap.name("run") {
        return birth_from_digit_run(run);
    }
    let number = |name: &str| -> Option<u32> {
        let digits: String = cap
            .name(name)?
            .as_str()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let y = cap.name("y")?;
    let (year, short_year) = year_from(y.as_str())?;
    let date = NaiveDate::from_ymd_opt(year, number("m")?, number("d")?)?;
    Some(UkDate {
        date,
        start: cap.name("d")?.start(),
        end: y.end(),
        short_year,
    })
}

/// A date of birth right after its label with a separator lost ("Date of Birth: 0406/32",
/// "DOB 08 051984"): only a run of exactly six digits (day, month, two-digit year) or eight
/// (day, month, a year 19xx or 20xx) can be read without guessing where the day ends.
fn birth_from_digit_run(run: regex::Match<'_>) -> Option<UkDate> {
    let digits: String = run.as_str().chars().filter(char::is_ascii_digit).collect();
    let (day, month, year) = match digits.len() {
        6 => (&digits[..2], &digits[2..4], &digits[4..]),
        8 if digits[4..].starts_with("19") || digits[4..].starts_with("20") => {
            (&digits[..2], &digits[2..4], &digits[4..])
        }
        _ => return None,
    };
    let (year, short_year) = year_from(year)?;
    let date = NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)?;
    Some(UkDate {
        date,
        start: run.start(),
        end: run.end(),
        short_year,
    })
}

/// "Date of birth:\n03/04/1961", or "Name   DOB   NHS No\nJo Bloggs  03/04/1961  ...".
fn birth_below_its_label(text: &str, dates: &[UkDate]) -> Option<UkDate> {
    let mut line_start = 0;
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .map(|l| {
            let at = line_start;
            line_start += l.len();
            (at, l)
        })
        .collect();
    let on_line = |at: usize, line: &str| -> Vec<UkDate> {
        dates
            .iter()
            .filter(|d| d.start >= at && d.end <= at + line.len())
            .copied()
            .collect()
    };
    for (i, &(at, line)) in lines.iter().enumerate() {
        // A heading is short: a sentence that mentions a date of birth is not one.
        let heading = line.split_whitespace().count() <= 8;
        if !heading || !BIRTH_HEADING.is_match(line) || !on_line(at, line).is_empty() {
            continue;
        }
        let &(next_at, next) = lines[i + 1..].iter().find(|(_, l)| !l.trim().is_empty())?;
        // A date with a label of its own ("NHS No:  Reported: 7/02/2012" under "DOB:
        // Received:") is that field's value, not the birth date's.
        return on_line(next_at, next)
            .into_iter()
            .filter(|d| !label_before(text, d.start).trim_end().ends_with(':'))
            .min_by_key(|d| d.date);
    }
    None
}

/// The date of birth and the letter date of `text`. The letter date is a date labelled as the
/// letter's, else one labelled as the clinic or referral date, else the latest unlabelled
/// date after the birth date (results and past events come before the letter).
pub fn find_birth_and_letter_dates(text: &str) -> (Option<UkDate>, Option<UkDate>) {
    let dates = find_uk_dates(text);
    let labels: Vec<DateLabel> = dates.iter().map(|d| date_label(text, d.start)).collect();
    let pick = |want: DateLabel, birth: Option<NaiveDate>| {
        dates
            .iter()
            .zip(&labels)
            .filter(|(d, l)| **l == want && birth.is_none_or(|b| d.date > b))
            .map(|(d, _)| *d)
            .collect::<Vec<_>>()
    };
    // The letter date first (without regard to the birth date), to settle a two-digit DOB.
    let rough_letter = pick(DateLabel::Letter, None).first().copied();
    let birth = find_date_of_birth(text, rough_letter.map(|d| d.date));
    let b = birth.map(|d| d.date);
    let plausible = |d: &UkDate| d.date.year() >= 1950 && Some(d.start) != birth.map(|x| x.start);
    let letter = pick(DateLabel::Letter, b)
        .into_iter()
        .find(plausible)
        .or_else(|| pick(DateLabel::Event, b).into_iter().find(plausible))
        .or_else(|| {
            pick(DateLabel::Unlabelled, b)
                .into_iter()
                .filter(plausible)
                .max_by_key(|d| d.date)
        });
    (birth, letter)
}

/// The patient's age at the letter date, from the date of birth, when both are in `text`.
pub fn age_from_letter_dates(text: &str) -> Option<u32> {
    let (birth, letter) = find_birth_and_letter_dates(text);
    age_at(birth?.date, letter?.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn every_pattern_compiles() {
        // Forces every lazily compiled pattern: a bad one panics here, not in production.
        let _ = find_uk_dates("01/02/2020");
        for p in [
            &*DATE,
            &*BIRTH_LABEL,
            &*LETTER_LABEL,
            &*EVENT_LABEL,
            &*BIRTH_HEADING,
        ] {
            assert!(!p.as_str().is_empty());
        }
    }

    #[test]
    fn nhs_number_parses_validates_and_formats() {
        let n = NhsNumber::parse("943 476 5919").ok();
        assert_eq!(n.as_ref().map(NhsNumber::as_str), Some("9434765919"));
        assert_eq!(
            n.as_ref().map(ToString::to_string).as_deref(),
            Some("943 476 5919")
        );
        assert!(NhsNumber::is_valid("943-476-5919"));
        assert!(NhsNumber::is_valid("4010232137"));
        assert_eq!(
            NhsNumber::parse("943 476 5918"),
            Err(NhsNumberError::BadCheckDigit("943 476 5918".into()))
        );
        assert!(matches!(
            NhsNumber::parse("94347659"),
            Err(NhsNumberError::NotTenDigits(_))
        ));
        assert!(!NhsNumber::is_valid("94347659190"));
        assert!(!NhsNumber::is_valid("943 476 591x"));
        // A check value of 10 makes the number invalid whatever the last digit.
        assert_eq!(NhsNumber::check_digit(&[0, 0, 0, 0, 0, 0, 0, 0, 6]), None);
        let json = serde_json::to_string(&n).unwrap_or_default();
        assert_eq!(json, "\"9434765919\"");
        assert!(serde_json::from_str::<NhsNumber>("\"9434765918\"").is_err());
    }

    #[test]
    fn uk_dates_in_common_formats() {
        let found: Vec<_> = find_uk_dates(
            "12/03/1956, 3.4.24, 1st February 2023, 9 Sept 2021, 30-Nov-19, 31/02/2020, 5 May '61, 2024-03-12, l2/O3/1956",
        )
        .into_iter()
        .map(|f| Some(f.date))
        .collect();
        assert_eq!(
            found,
            vec![
                d(1956, 3, 12),
                d(2024, 4, 3),
                d(2023, 2, 1),
                d(2021, 9, 9),
                d(2019, 11, 30),
                d(1961, 5, 5),
                d(2024, 3, 12),
                d(1956, 3, 12),
            ]
        );
        assert_eq!(parse_uk_date(" 02.01.1948 "), d(1948, 1, 2));
        assert_eq!(parse_uk_date("14th of June 2024"), d(2024, 6, 14));
        assert_eq!(parse_uk_date("31/02/2020"), None);
        assert_eq!(parse_uk_date("seen 02.01.1948"), None);
        // OCR: one letter of a long month name misread, a stray bar before the year.
        assert_eq!(parse_uk_date("4 Tebruary 1935"), d(1935, 2, 4));
        assert_eq!(parse_uk_date("28 February| 1955"), d(1955, 2, 28));
        assert_eq!(parse_uk_date("9 Octobcr 1950"), d(1950, 10, 9));
        // Two letters wrong, or a short name, is no month.
        assert_eq!(parse_uk_date("4 Tebruaby 1935"), None);
        assert_eq!(parse_uk_date("4 Jure 1935"), None);
        assert_eq!(parse_uk_date("12 weeks 2024"), None);
        // The tail of a longer run of numbers is no date and does not hide the date after it.
        let dates = |t: &str| -> Vec<_> { find_uk_dates(t).into_iter().map(|f| f.date).collect() };
        assert_eq!(
            dates("8. 01/02/1950"),
            vec![NaiveDate::from_ymd_opt(1950, 2, 1).unwrap()]
        );
        assert_eq!(
            dates("0.0.8. 06.11.23"),
            vec![NaiveDate::from_ymd_opt(2023, 11, 6).unwrap()]
        );
        assert_eq!(dates("version 1.2.3.4"), vec![]);
    }

    #[test]
    fn dates_labelled_month_first_are_read_month_first() {
        let text = "Date (MM/DD/YYYY): 07/17/2025\nPatient: Mr A B   DOB (MM/DD/YYYY): 03/02/1999   Sex: M";
        let (b, l) = find_birth_and_letter_dates(text);
        assert_eq!(
            (b.map(|x| x.date), l.map(|x| x.date)),
            (d(1999, 3, 2), d(2025, 7, 17))
        );
        assert_eq!(age_from_letter_dates(text), Some(26));
        assert_eq!(
            find_uk_dates("DOB mm/dd/yy: 12/01/61")[0].date,
            NaiveDate::from_ymd_opt(1961, 12, 1).unwrap()
        );
        // The label must be on the date's own line, and right before it.
        let dates = find_uk_dates("Dates are MM/DD/YYYY\nSeen 03/02/2024, then 05/06/2024 (MM/DD)");
        assert_eq!(
            dates.iter().map(|x| Some(x.date)).collect::<Vec<_>>(),
            vec![d(2024, 2, 3), d(2024, 6, 5)]
        );
    }

    #[test]
    fn date_of_birth_and_letter_date() {
        let text = "Date: 14/06/2024\nRe: John Smith  DOB: 02.01.48  NHS No: 943 476 5919";
        let (b, l) = find_birth_and_letter_dates(text);
        assert_eq!(
            (b.map(|x| x.date), l.map(|x| x.date)),
            (d(1948, 1, 2), d(2024, 6, 14))
        );
        assert_eq!(age_from_letter_dates(text), Some(76));
        let labels = [
            "D.O.B. 01/02/1950",
            "Date of birth: 1 Feb 1950",
            "born 01.02.1950",
            "DOB (dd/mm/yyyy): 01/02/1950",
            // Form columns: the label a wide gap or a run of leader dots from its value.
            "Date of birth                                      1 February 1950",
            "Date of birth ..................... 01/02/1950",
            "DOB\t\t\t\t\t\t01/02/1950",
            "NHSNo _ | 999 079 7188 | DOB | 1 Feb 1950 |",
            // Scanning damage: specks between label and value, a misread O, a lost "Date of".
            "NHS no. 999 5334224 ; D.O.B. © ; 01/02/1950",
            "DGB 01/02/50 NHS No. 999 476 7267",
            "f Birth: 01.02.1950 NHS Number: 999 064 7062",
            // Separators lost or a stray mark inside the digits, right after the label.
            "Date of Birth | 01 02 1950 Hospital No H1234567",
            "D.O.B.: 0'1.02.50 AGE: 74",
            "Date of Birth: 0102/50",
            "DOB 01 021950 Sex F",
            // "DOB" itself misread, letter by letter; a zero read as "@".
            "OOB 01-Feb-1950 Hosp K032337",
            "B08: 01-Feb-1950 Sex:",
            "Mr A B  D08 01/02/1950",
            "DOB @1-FEB-1950 F",
            "D.O.B. @1/@2/1950",
            // The dotted label misread letter by letter, its dots kept.
            "0.0.8. 01/02/1950",
            "D.0.8.: 01.02.50",
        ];
        for t in labels {
            assert_eq!(
                find_date_of_birth(t, None).map(|x| x.date),
                d(1950, 2, 1),
                "{t}"
            );
        }
        // Numbers after the label that are no date stay unread.
        assert_eq!(find_date_of_birth("DOB 12 34 5678", None), None);
        assert_eq!(find_date_of_birth("DOB 1 2 3 4 5", None), None);
        // The date of death is not the date of birth, and an e-mail address holds no date.
        assert_eq!(find_date_of_birth("DOD 01/02/1950", None), None);
        assert_eq!(
            zero_for_at_signs("gp@12.nhs or ref.@9 or @9-JUL or 2@/01").as_deref(),
            Some("gp@12.nhs or ref.@9 or 09-JUL or 20/01")
        );
        assert_eq!(zero_for_at_signs("jo@nhs.net"), None);
        // The label above its value, and a table heading row.
        assert_eq!(
            find_date_of_birth("Date of birth:\n03/04/1961\n", None).map(|x| x.date),
            d(1961, 4, 3)
        );
        let table = "Patient        DOB          NHS number     Seen\nJo Bloggs  03.04.61  999 123 4568  12/05/2024\n";
        assert_eq!(
            find_date_of_birth(table, None).map(|x| x.date),
            d(1961, 4, 3)
        );
        // Two label columns whose values OCR lost: the next row's labelled date is not the
        // birth date.
        // One cell for both: "DOB / Age | 04/05/2005 / 19".
        assert_eq!(
            find_date_of_birth("DOB / Age      | 04/05/2005 / 19\n", None).map(|x| x.date),
            d(2005, 5, 4)
        );
        let lab = "DOB:          Received: 22018\nNHS No:       Reported: 7/02/2012\n";
        assert_eq!(find_date_of_birth(lab, None), None);
        // Without a letter date, a two-digit year after today is last century.
        assert_eq!(
            find_date_of_birth("D.O.B. 01/01/29", None).map(|x| x.date),
            d(1929, 1, 1)
        );
        // Result sheets: the collection date is an event date, not an unlabelled one.
        let results = "DOB: 01/02/1950\nCollected: 03/03/2024\nPrevious result 05/05/2024 (ref)";
        assert_eq!(
            find_birth_and_letter_dates(results).1.map(|x| x.date),
            d(2024, 3, 3)
        );
        // A two-digit birth year past the letter date is last century.
        assert_eq!(
            find_date_of_birth("D.O.B. 01/01/29", d(2025, 1, 1)).map(|x| x.date),
            d(1929, 1, 1)
        );
        assert_eq!(
            find_date_of_birth("D.O.B. 02.09.25", d(2001, 12, 3)).map(|x| x.date),
            d(1925, 9, 2)
        );
        // A child's two-digit year stays this century when the older reading is impossible.
        assert_eq!(
            find_date_of_birth("DOB 04/05/08", d(2026, 1, 1)).map(|x| x.date),
            d(2008, 5, 4)
        );
        // Both centuries possible (7 or 107 years old; or "1930" cut to "19" by a scan): no
        // date of birth rather than a guess.
        assert_eq!(find_date_of_birth("DOB 12/05/19", d(2026, 1, 1)), None);
        assert_eq!(find_date_of_birth("DOB 03-Jan-19 -", d(2019, 11, 21)), None);
        // Unlabelled dates: the latest after the birth date is the letter's.
        let t = "12 March 2025\nRe: Mrs X, born 01.02.1960. OGD 01/01/2020";
        assert_eq!(
            find_birth_and_letter_dates(t).1.map(|x| x.date),
            d(2025, 3, 12)
        );
        let clinic = "Clinic date: 27/05/2021\nDate typed: 04/06/2021\nDOB 01/02/1950";
        assert_eq!(
            find_birth_and_letter_dates(clinic).1.map(|x| x.date),
            d(2021, 6, 4)
        );
        assert_eq!(find_birth_and_letter_dates("nothing"), (None, None));
    }

    #[test]
    fn age_at_a_date() {
        let dob = NaiveDate::from_ymd_opt(1960, 6, 15).unwrap_or_default();
        assert_eq!(age_at(dob, d(2020, 6, 14).unwrap_or_default()), Some(59));
        assert_eq!(age_at(dob, d(2020, 6, 15).unwrap_or_default()), Some(60));
        assert_eq!(age_at(dob, d(1950, 1, 1).unwrap_or_default()), None);
        assert_eq!(
            age_at(
                d(1800, 1, 1).unwrap_or_default(),
                d(2020, 1, 1).unwrap_or_default()
            ),
            None
        );
    }
}
