//! Laboratory values: the keyword, then (past a few filler words, a bracketed unit or a date)
//! the value, with its unit. Tolerates OCR's O-for-0 and l-for-1 inside numbers; a number run
//! into letters that are not a unit ("FIT 4S") is unreadable and ignored.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::fields::label_char;
use super::lexicon::{build, build_with, compile_terms};

/// The analytes the rules use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analyte {
    Hb,
    Ferritin,
    Fit,
    Calprotectin,
    Alt,
}

impl Analyte {
    pub const ALL: [Analyte; 5] = [
        Analyte::Hb,
        Analyte::Ferritin,
        Analyte::Fit,
        Analyte::Calprotectin,
        Analyte::Alt,
    ];

    /// The kind of fact a reading of this analyte is recorded as.
    pub fn fact_kind(self) -> crate::facts::FactKind {
        use crate::facts::FactKind;
        match self {
            Analyte::Hb => FactKind::Hb,
            Analyte::Ferritin => FactKind::Ferritin,
            Analyte::Fit => FactKind::Fit,
            Analyte::Calprotectin => FactKind::Calprotectin,
            Analyte::Alt => FactKind::Alt,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Analyte::Hb => "hb",
            Analyte::Ferritin => "ferritin",
            Analyte::Fit => "fit",
            Analyte::Calprotectin => "calprotectin",
            Analyte::Alt => "alt",
        }
    }
}

static HB: Lazy<Regex> = Lazy::new(|| compile_terms(&["hb", "hgb", "haemoglobin", "hemoglobin"]));
static FERRITIN: Lazy<Regex> =
    Lazy::new(|| compile_terms(&["ferritin", "serum ferritin", "s-ferritin", "ferr"]));
/// FIT is matched case-sensitively (lower-case "fit" is an English word: "fit and well").
static FIT: Lazy<Regex> = Lazy::new(|| {
    build_with(
        r"\b(?:[qQ]?F[I1l]T|QFIT)\b|(?i:\b(?:faecal|fecal)\s+immunochemical(?:\s+test(?:ing)?)?\b)",
        false,
    )
});
static CALPROTECTIN: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "calprotectin",
        "faecal calprotectin",
        "fecal calprotectin",
        "f-calprotectin",
        "fcp",
        "fcal",
        "f-cal",
        "calpro",
        "calprotecin",
    ])
});
static ALT: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "alt",
        "alanine transaminase",
        "alanine aminotransferase",
        "alanine transferase",
        "gpt",
    ])
});

pub fn keyword_regex(a: Analyte) -> &'static Regex {
    match a {
        Analyte::Hb => &HB,
        Analyte::Ferritin => &FERRITIN,
        Analyte::Fit => &FIT,
        Analyte::Calprotectin => &CALPROTECTIN,
        Analyte::Alt => &ALT,
    }
}

/// A value read after a keyword.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// In the spec's units (g/dL converted to g/L).
    pub value: f64,
    /// End byte of the value (and its unit).
    pub end: usize,
    /// End byte of the number or word itself (the unit, if any, runs from here to `end`).
    pub value_end: usize,
    /// The letter marks this value as the current one of a series ("has fallen from 136 to
    /// 112", "was 320 in 2023 but is now 155"): it holds now even where the sentence talks
    /// about the past.
    pub current: bool,
}

/// Units the scanner recognises right after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    GramsPerDecilitre,
    Other,
}

/// Filler words allowed between keyword and value.
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "level", "levels", "was", "is", "of", "result", "results", "value", "test", "tests", "at",
    "on", "recently", "recent", "now", "today", "only", "just", "measured", "came", "back",
    "returned", "reported", "found", "to", "be", "been", "has", "a", "the", "iga", "ug", "µg",
    "mcg", "hb", "g", "l", "dl", "faeces", "u", "iu", "ml", "ng", "repeat", "repeated", "serum",
    "s", "fcp", "fit", "qfit", "lft", "lfts", "ref", "its", "latest", "last", "showed", "shows",
    "show", "of:", "score", "count", "raised", "low", "high", "elevated", "positive",
    "estimation", "date", "dated",
];

/// A filler word that names another test than `analyte`: "ferritin) .... Hb 13.0" is the
/// Hb's value, not the ferritin's ("Hb" stays a filler for the FIT's "ug Hb/g").
fn names_another_test(word: &str, analyte: Analyte) -> bool {
    match word {
        "hb" => !matches!(analyte, Analyte::Fit | Analyte::Hb),
        "fit" | "qfit" => analyte != Analyte::Fit,
        "fcp" => analyte != Analyte::Calprotectin,
        "lft" | "lfts" => analyte != Analyte::Alt,
        _ => false,
    }
}

/// A result given as nothing found: read as zero.
const NONE_FOUND: [&str; 6] = [
    "not detected",
    "none detected",
    "below detection limit",
    "below the detection limit",
    "below limit of detection",
    "below the limit of detection",
];

/// Qualifiers in words and their sign (below: the value is taken one under the number).
const WORDED_QUALIFIERS: [(&str, f64); 11] = [
    ("less than", -1.0),
    ("under", -1.0),
    ("lower than", -1.0),
    ("fewer than", -1.0),
    ("below", -1.0),
    ("greater than", 1.0),
    ("more than", 1.0),
    ("higher than", 1.0),
    ("above", 1.0),
    ("over", 1.0),
    ("in excess of", 1.0),
];

/// Reads the value that follows a keyword ending at `from`. Where the letter gives a series
/// ("has fallen from 136 to 112", "down from 13.7 to 11.6", "was 320 in 2023 but is now 155",
/// "12 in 2022, now 85", "450 U/L in May 2024 (during hepatitis A); now ALT 23"),
/// the current value is read, marked [`Reading::current`].
pub fn scan_value(text: &str, from: usize, analyte: Analyte) -> Option<Reading> {
    static TREND: Lazy<Regex> = Lazy::new(|| {
        build(
            r"^[\s:,]*(?:(?:has|have|had|is|was)\s+)?(?:now\s+)?(?:fallen|dropped|risen|gone\s+(?:up|down)|increased|decreased|fell|rose|climbed|come\s+down|crept\s+up|gone\s+from|changed|down|up|reduced|declined|dipped|slipped|falling|dropping|rising)\s+(?:steadily\s+|gradually\s+)?from\b",
        )
    });
    static THEN_TO: Lazy<Regex> = Lazy::new(|| build(r"^[^.;\n]{0,60}?\bto\b"));
    static NOW: Lazy<Regex> = Lazy::new(|| {
        build(
            r"^[^.;\n]{0,60}?(?:\bbut\b|\band\b|,|;)\s*(?:it\s+|it\s+is\s+|is\s+|has\s+been\s+|was\s+)?(?:now|currently|most\s+recently)\b",
        )
    });
    let ahead = head(text.get(from..)?, 120);
    if let Some(m) = TREND.find(ahead) {
        let first = scan(text, from + m.end(), analyte, false)?;
        let to = THEN_TO.find(head(&text[first.end..], 80))?;
        let mut last = scan(text, first.end + to.end(), analyte, false)?;
        last.current = true;
        return Some(last);
    }
    // "ALT 10x ULN (400)", "ALT 3 times the upper limit of normal (120 U/L)": the multiple
    // of the upper limit, then the value in brackets; or, in notes written without
    // punctuation, a number straight after it ("alt 3x uln 120", "ALT 3 x ULN: 126 U/L";
    // "ALT 3x ULN on 12/03" is no value).
    static MULTIPLE_OF_ULN: Lazy<Regex> = Lazy::new(|| {
        build(
            r"^[\s:=]*(?:approx\.?\s+|about\s+|over\s+|>\s*)?\d+(?:\.\d+)?\s*(?:x|×|times)\s*(?:the\s+)?(?:uln|upper\s+limit(?:\s+of\s+(?:the\s+)?normal)?(?:\s+range)?)(?:\s*(?P<open>[(\[])\s*|[\t ]*[:=,\-–]?[\t ]*)",
        )
    });
    if let Some(c) = MULTIPLE_OF_ULN.captures(ahead) {
        let value_at = from + c.get(0).map_or(0, |m| m.end());
        if c.name("open").is_some() || text[value_at..].starts_with(|ch: char| ch.is_ascii_digit())
        {
            return scan(text, value_at, analyte, false);
        }
    }
    let first = scan(text, from, analyte, false)?;
    if let Some(latest) = latest_in_series(text, &first, analyte) {
        return Some(latest);
    }
    // "FIT 4 on 27 December 2024, repeat on 28 February 2025: 10", "ALT 280; repeated a week
    // later 310": a repeat of the same test, its value after the repeat's date.
    static REPEAT: Lazy<Regex> = Lazy::new(|| {
        const DATE: &str = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?\s+\d{2,4}|\d{1,2}[\-/][a-z]{3,9}[\-/]\d{2,4}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|[a-z]{3,9}\s+\d{4})";
        build(&format!(
            r"^\s*(?:(?:on|dated|in|from)\s+{DATE}|\(\s*(?:on\s+|dated\s+)?{DATE}\s*\))?\s*(?:,|;|\band\b|\(|-|–)?\s*(?:a\s+|the\s+)?(?:repeat(?:ed)?|re-?tested|re-?checked|rechecked)(?:\s+(?:test|result|sample|value|level|fit|qfit))?(?:\s+(?:a\s+(?:week|fortnight|month)|\w+\s+(?:days?|weeks?|months?))\s+later)?(?:\s+(?:on|dated|in)\s+{DATE})?\s*(?:[:=]|\bwas\b|\bis\b|\bshowed\b|\bgave\b|\bof\b)?\s*"
        ))
    });
    if let Some(repeat) = REPEAT.find(head(&text[first.end..], 120)) {
        // "calprotectin 120 on 16/08/2024; repeated on 14/10/2024: calprotectin 70".
        let at = past_the_test_named_again(text, first.end + repeat.end(), analyte);
        if let Some(mut later) = scan(text, at, analyte, false) {
            later.current = true;
            return Some(later);
        }
    }
    if let Some(now) = NOW.find(head(&text[first.end..], 90)) {
        // "ALT 450 U/L in May 2024 (during hepatitis A); now ALT 23": the test named again.
        let at = past_the_test_named_again(text, first.end + now.end(), analyte);
        if let Some(mut later) = scan(text, at, analyte, false) {
            later.current = true;
            return Some(later);
        }
    }
    Some(first)
}

/// The last value of a series written oldest first, marked current: old and new joined by
/// an arrow or "then" ("Hgb 144 -> 92 g/L", "Hb 13.1 → 9.8", "Hb 13.0 g/dL (Oct) then 8.9 g/dL
/// (Dec)"), each value with its time in brackets ("ALT 26 (Jan) -> 1961 (latest)", "Hb 128
/// (Jan) -> 109 (Mar) -> 96 (May)"); joined by a comma or semicolon only where the first
/// value carries its time ("ALT 20 (Mar), 1137 (this month)": "Hb 134, MCV 96" is no series).
fn latest_in_series(text: &str, first: &Reading, analyte: Analyte) -> Option<Reading> {
    static NEXT: Lazy<Regex> = Lazy::new(|| {
        build(
            r"^[\t ]*(?:\((?P<when>[^()\n]{1,24})\)[\t ]*)?(?:(?P<arrow>-{1,2}>|→|⇒|=>|\bthen\b|\bnow\b)|(?P<list>[,;]))[\t ]*",
        )
    });
    static WHEN: Lazy<Regex> = Lazy::new(|| {
        build(
            r"^\s*(?:(?:on|in|from|dated)\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?|(?:19|20)\d{2}|latest|recent|most\s+recent|now|today|current|this\s+(?:week|month|year)|last\s+(?:week|month|year)|baseline|previous|prev|old|initial|first|repeat|\d+\s*(?:days?|weeks?|months?|years?|wks?|/52|/12)\s+ago)\b",
        )
    });
    let mut latest: Option<Reading> = None;
    let mut end = first.end;
    while let Some(c) = NEXT.captures(head(&text[end..], 40)) {
        // A bracket must hold a time, and a comma list needs one.
        let dated = c.name("when").is_some_and(|w| WHEN.is_match(w.as_str()));
        if (c.name("when").is_some() || c.name("list").is_some()) && !dated {
            break;
        }
        let at = end + c.get(0).map_or(0, |m| m.end());
        if !text[at..].starts_with(|ch: char| ch.is_ascii_digit() || "<>≤≥".contains(ch)) {
            break;
        }
        let Some(mut later) = scan(text, at, analyte, false) else {
            break;
        };
        later.current = true;
        end = later.end;
        latest = Some(later);
    }
    latest
}

/// Where a later value's number is looked for: past the test's name when the letter names
/// the test again at `at` ("...; now ALT 23").
fn past_the_test_named_again(text: &str, at: usize, analyte: Analyte) -> usize {
    let ahead = head(&text[at..], 40);
    let named = ahead.len() - ahead.trim_start().len();
    match keyword_regex(analyte).find(&ahead[named..]) {
        Some(k) if k.start() == 0 => at + named + k.end(),
        _ => at,
    }
}

/// A number written in words ("eighteen", "seventy-two", "one hundred and twenty", "four
/// hundred and twenty", "nine point eight"), as dictation software leaves it: the value and
/// its byte length. Only whole words count; "and" is taken only between number words.
pub(super) fn read_number_words(s: &str) -> Option<(f64, usize)> {
    fn word_value(w: &str) -> Option<(u32, bool)> {
        const SMALL: [&str; 20] = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        const TENS: [&str; 8] = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        if let Some(i) = SMALL.iter().position(|x| *x == w) {
            return Some((i as u32, false));
        }
        TENS.iter()
            .position(|x| *x == w)
            .map(|i| (20 + 10 * i as u32, true))
    }
    let mut total = 0u32;
    let mut current = 0u32;
    let mut seen = false;
    let mut end = 0usize;
    let mut pos = 0usize;
    let mut last_tens = false;
    let mut decimals: Option<String> = None;
    loop {
        let rest = &s[pos..];
        let word_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if word_len == 0 {
            break;
        }
        let word = rest[..word_len].to_ascii_lowercase();
        let next = pos + word_len;
        let mut accepted = true;
        if let Some(d) = decimals.as_mut() {
            match word_value(&word) {
                Some((v, false)) if v < 10 => d.push(char::from(b'0' + v as u8)),
                _ => accepted = false,
            }
        } else if let Some((v, tens)) = word_value(&word) {
            // "seventy two" (a unit after a ten) or a fresh group after "hundred and".
            if seen && !current.is_multiple_of(100) && !(last_tens && !tens && v < 10) {
                accepted = false;
            } else {
                current += v;
                last_tens = tens;
            }
        } else if word == "hundred" && seen && current > 0 && current < 10 {
            current *= 100;
            last_tens = false;
        } else if word == "thousand" && seen && current > 0 {
            total += current * 1000;
            current = 0;
            last_tens = false;
        } else if word == "point" && seen {
            decimals = Some(String::new());
        } else if word == "and" && seen {
            // Taken only if a number word follows.
            let after = s[next..].trim_start_matches([' ', '-']);
            let w: String = after
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_ascii_lowercase();
            accepted = word_value(&w).is_some();
        } else {
            accepted = false;
        }
        if !accepted {
            break;
        }
        seen = true;
        if word != "and" && word != "point" {
            end = next;
        }
        pos = next;
        let sep = s[pos..].len() - s[pos..].trim_start_matches([' ', '-']).len();
        if sep == 0 || sep > 2 {
            break;
        }
        pos += sep;
    }
    if !seen || end == 0 {
        return None;
    }
    let whole = f64::from(total + current);
    let value = match decimals.filter(|d| !d.is_empty()) {
        Some(d) => format!("{}.{d}", total + current).parse().ok()?,
        None => whole,
    };
    Some((value, end))
}

/// The first `n` bytes of `s` (fewer, to stay on a character boundary): readers look only this
/// far ahead, so that a long input costs linear time.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A result word that OCR broke in two with one space ("posi tive", "nega tive"): the whole
/// word and how many more bytes of `after` it takes.
fn rejoin_broken_word(first: &str, after: &str) -> Option<(String, usize)> {
    const WORDS: [&str; 3] = ["positive", "negative", "undetectable"];
    let tail = after.strip_prefix(' ')?;
    let second: String = tail.chars().take_while(|c| c.is_alphabetic()).collect();
    let joined = format!("{first}{}", second.to_lowercase());
    (first.len() >= 2 && !second.is_empty() && WORDS.contains(&joined.as_str()))
        .then(|| (joined, 1 + second.len()))
}

fn scan(text: &str, from: usize, analyte: Analyte, after_positive: bool) -> Option<Reading> {
    let mut pos = from;
    let mut skipped_words = 0;
    let mut newlines = 0;
    let mut bracket_unit: Option<Unit> = None;
    loop {
        let rest = head(text.get(pos..)?, 64);
        let c = rest.chars().next()?;
        if c == '\n' {
            newlines += 1;
            if newlines > 1 || starts_with_label(&text[pos + 1..]) {
                // The next line is another field ("FIT: -" then "Hb: 13.9"): no value here.
                return None;
            }
            pos += 1;
            continue;
        }
        if c.is_whitespace() || matches!(c, ':' | '=' | '-' | '–' | ',' | '|' | ')' | '\t') {
            pos += c.len_utf8();
            continue;
        }
        if rest.starts_with("...") || c == '…' {
            // Leader dots between a form's label and its value.
            pos += rest.len() - rest.trim_start_matches(['.', '…']).len();
            continue;
        }
        if c == '.' {
            // A full stop ends the sentence; a dot in "Hb. 98" is a typo we tolerate.
            if rest[1..].starts_with(char::is_whitespace) && skipped_words > 0 {
                return None;
            }
            pos += 1;
            continue;
        }
        if c == '[' {
            // A form's box for the value: "FIT value ..... [ 28 ] ug Hb/g". A box with no
            // number in it ("[     ]", "[x]") is no value.
            let close = rest.find(']').filter(|c| *c <= 16)?;
            let inner = rest[1..close].trim();
            if !inner
                .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '<' | '>' | '≤' | '≥'))
            {
                return None;
            }
            pos += 1;
            continue;
        }
        if c == ']' {
            pos += 1;
            continue;
        }
        if c == '(' {
            let close = rest.find(')')?;
            if close > 30 {
                return None;
            }
            let inner = &rest[1..close];
            if inner.to_ascii_lowercase().replace(' ', "") == "g/dl" {
                bracket_unit = Some(Unit::GramsPerDecilitre);
            }
            if inner.chars().any(|c| c.is_ascii_digit()) && !looks_like_date(inner) {
                return None;
            }
            pos += close + 1;
            continue;
        }
        if let Some(len) = date_len(rest) {
            pos += len;
            continue;
        }
        // The next words in lower case, read for worded results and qualifiers.
        let lower = if c.is_ascii_alphabetic() {
            head(rest, 40).to_ascii_lowercase()
        } else {
            String::new()
        };
        if let Some(phrase) = NONE_FOUND.iter().find(|p| lower.starts_with(*p)) {
            return Some(Reading {
                value: 0.0,
                end: pos + phrase.len(),
                value_end: pos + phrase.len(),
                current: false,
            });
        }
        // "<4", "≥ 400", "less than 4", "greater than 400": (sign, length of the qualifier).
        let qualifier = match c {
            '<' | '≤' => Some((-1.0, c.len_utf8())),
            '>' | '≥' => Some((1.0, c.len_utf8())),
            _ if c.is_ascii_alphabetic() => {
                WORDED_QUALIFIERS
                    .iter()
                    .find(|(phrase, _)| {
                        // Whole words only: "over" is not "overall".
                        lower.starts_with(phrase)
                            && !lower[phrase.len()..].starts_with(|c: char| c.is_alphabetic())
                    })
                    .map(|(phrase, q)| (*q, phrase.len()))
            }
            _ => None,
        };
        if let Some((q, prefix)) = qualifier {
            let after = rest[prefix..].trim_start_matches(['=', ' ']);
            let skip = rest.len() - after.len();
            let (number, nlen) = read_number(after).or_else(|| read_number_words(after))?;
            let end = pos + skip + nlen;
            let (unit, unit_len) = read_unit(head(&text[end..], 40));
            if unit_len == 0 && run_on_letter(&text[end..]) {
                return None;
            }
            let value = if q < 0.0 {
                (number - 1.0).max(0.0)
            } else {
                number
            };
            if times_upper_limit(&text[end..]) {
                return None;
            }
            let value = convert(analyte, value, unit.or(bracket_unit));
            return Some(Reading {
                value,
                end: end + unit_len,
                value_end: end,
                current: false,
            });
        }
        if c.is_ascii_digit() || (matches!(c, 'O' | 'o' | 'l' | 'I') && starts_ocr_number(rest)) {
            let (number, nlen) = read_number(rest)?;
            let end = pos + nlen;
            let (unit, unit_len) = read_unit(head(&text[end..], 40));
            if unit_len == 0 && run_on_letter(&text[end..]) {
                return None;
            }
            if times_upper_limit(&text[end..]) {
                return None;
            }
            return Some(Reading {
                value: convert(analyte, number, unit.or(bracket_unit)),
                end: end + unit_len,
                value_end: end,
                current: false,
            });
        }
        if c.is_alphabetic() || c == '+' || c == '-' {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '+' | '/' | 'µ'))
                .collect();
            let lower = word.to_lowercase();
            let wlen = word.len().max(c.len_utf8());
            // A result word OCR broke with a stray space: "qFIT posi tive at 23".
            let (lower, wlen) = rejoin_broken_word(&lower, &rest[wlen..])
                .map_or((lower, wlen), |(joined, extra)| (joined, wlen + extra));
            if let Some((number, nlen)) = read_number_words(rest) {
                let end = pos + nlen;
                let (unit, unit_len) = read_unit(head(&text[end..], 40));
                return Some(Reading {
                    value: convert(analyte, number, unit.or(bracket_unit)),
                    end: end + unit_len,
                    value_end: end,
                    current: false,
                });
            }
            match lower.as_str() {
                "undetectable" | "undetected" | "negative" | "neg" | "-ve" | "nil" => {
                    return Some(Reading {
                        value: 0.0,
                        end: pos + wlen,
                        value_end: pos + wlen,
                        current: false,
                    })
                }
                // "FIT result and date: undetectable (17/11/2024)".
                "and"
                    if rest[wlen..]
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("date") =>
                {
                    skipped_words += 1;
                    pos += wlen;
                    continue;
                }
                "positive" | "+ve" | "pos" if analyte == Analyte::Fit && !after_positive => {
                    // Look a few words on for the number ("positive at 45", "positive (45)").
                    if let Some(r) = scan(text, pos + wlen, analyte, true) {
                        if r.value > 0.0 {
                            return Some(r);
                        }
                    }
                    return Some(Reading {
                        value: 10.0,
                        end: pos + wlen,
                        value_end: pos + wlen,
                        current: false,
                    });
                }
                w if FILLERS.contains(&w) && !names_another_test(w, analyte) => {
                    skipped_words += 1;
                    if skipped_words > 6 {
                        return None;
                    }
                    pos += wlen;
                    continue;
                }
                _ => return None,
            }
        }
        return None;
    }
}

/// A results table whose header carries two or more dates ("Test  05/05/2023  21/06/2024
/// Ref range"): where the value's row (the line holding the keyword, which ends at
/// `keyword_end`) sits in one, the value in the latest date's column, marked current. Cells
/// are found by `|` or tab separators when both lines use them, else by the text column the
/// date starts at. `None` when the line is in no such table or that cell holds no number.
pub fn latest_in_dated_table(text: &str, keyword_end: usize, analyte: Analyte) -> Option<Reading> {
    let row_start = text[..keyword_end].rfind('\n').map_or(0, |i| i + 1);
    let row_end = text[keyword_end..]
        .find('\n')
        .map_or(text.len(), |i| keyword_end + i);
    let row = &text[row_start..row_end];
    // The header: a line above, in the same block (no blank line between), within 12 lines.
    let mut header = None;
    let mut end = row_start.checked_sub(1)?;
    for _ in 0..12 {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end];
        if line.trim().is_empty() {
            break;
        }
        let dates = types::clinical::find_uk_dates(line);
        if dates.len() >= 2 {
            header = Some((line, dates));
            break;
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    let (header, dates) = header?;
    let latest = dates.iter().max_by_key(|d| d.date)?;
    let key_in_row = keyword_end - row_start;
    // The latest date's cell in the row: its byte range.
    let cell = ['|', '\t']
        .into_iter()
        .find(|sep| header.contains(*sep) && row.contains(*sep))
        .map(|sep| {
            let index = header[..latest.start].matches(sep).count();
            let mut bounds = row.match_indices(sep).map(|(i, _)| i);
            let from = if index == 0 {
                0
            } else {
                bounds.nth(index - 1)? + 1
            };
            let to = row[from..].find(sep).map_or(row.len(), |i| from + i);
            Some((from, to))
        })
        .unwrap_or_else(|| {
            // Fixed-width columns: a table's dates stand apart, two spaces or more.
            let apart = dates
                .windows(2)
                .all(|w| header[w[0].end..w[1].start].starts_with("  "));
            if !apart {
                return None;
            }
            let column = header[..latest.start].chars().count();
            let width = header[latest.start..latest.end].chars().count();
            let byte_at = |col: usize| row.char_indices().nth(col).map_or(row.len(), |(i, _)| i);
            Some((
                byte_at(column.saturating_sub(2)),
                byte_at(column + width + 1),
            ))
        })?;
    let (from, to) = (cell.0.max(key_in_row), cell.1);
    if from >= to {
        return None;
    }
    let in_cell = &row[from..to];
    let offset = in_cell.find(|c: char| c.is_ascii_digit())?;
    // The number must start the cell's text, a flag ("H", "(L)", "*") aside.
    if !matches!(
        in_cell[..offset].trim(),
        "" | "H" | "L" | "(H)" | "(L)" | "*" | "<" | ">"
    ) {
        return None;
    }
    // A whole number, not the tail of a date or code that runs into the cell ("(01/11/2024)"
    // under the header's date) nor the head of one.
    let at_in_row = from + offset;
    if row[..at_in_row]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | ':'))
    {
        return None;
    }
    let (number, nlen) = read_number(&in_cell[offset..])?;
    if row[at_in_row + nlen..].starts_with(['/', ':']) || looks_like_date(&row[at_in_row..]) {
        return None;
    }
    let at = row_start + from + offset;
    let (unit, unit_len) = read_unit(head(&text[at + nlen..], 40));
    Some(Reading {
        value: convert(analyte, number, unit),
        end: at + nlen + unit_len,
        value_end: at + nlen,
        current: true,
    })
}

/// Two body weights given side by side, the current one the lower by at least
/// [`WEIGHT_FALL_KG`] ("weight 73 kg today, 78 kg in April", "weighs 10st 2lb now, was 11st
/// last year", "wt from 82 kg to 76 kg"): the weight lost, as the span from the keyword to the
/// later of the two weights. Which weight is current is read from the words about each
/// ("now", "today", "currently" against "in April", "last year", "previously", "usual") or
/// from "from ... to ..."; where neither tells, nothing is read.
pub fn weight_falls(text: &str) -> Vec<Range<usize>> {
    static KEY: Lazy<Regex> = Lazy::new(|| build(r"\b(?:weight|wt|weighs|weighed|weighing)\b"));
    static QUANTITY: Lazy<Regex> = Lazy::new(|| {
        build(
            r"\b(?P<kg>\d{2,3}(?:\.\d)?)\s*(?:kg|kgs|kilos?|kilograms?)\b|\b(?P<st>\d{1,2})\s*(?:st|stone)(?:\s*(?P<lb>\d{1,2})\s*(?:lb|lbs|pounds?)?)?\b",
        )
    });
    static TARGET: Lazy<Regex> = Lazy::new(|| build(r"\b(?:target|ideal|goal|aim|aiming)\b"));
    let mut out = Vec::new();
    for key in KEY.find_iter(text).take(50) {
        let clause = clause_ahead(head(&text[key.end()..], 110));
        if TARGET.is_match(clause) {
            continue;
        }
        let quantities: Vec<(f64, Range<usize>)> = QUANTITY
            .captures_iter(clause)
            .filter_map(|c| {
                let m = c.get(0)?;
                let kg = if let Some(kg) = c.name("kg") {
                    kg.as_str().parse::<f64>().ok()?
                } else {
                    let st: f64 = c.name("st")?.as_str().parse().ok()?;
                    let lb: f64 = c
                        .name("lb")
                        .map_or(Some(0.0), |l| l.as_str().parse().ok())?;
                    (st * 14.0 + lb) * 0.4536
                };
                (25.0..=300.0).contains(&kg).then_some((kg, m.range()))
            })
            .take(3)
            .collect();
        if let Some(end) = fall_between(clause, &quantities, WEIGHT_FALL_KG) {
            out.push(key.start()..key.end() + end);
        }
    }
    // The body-mass index at two times: "a fall in BMI from 31.2 (August) to 28.7 now".
    static BMI: Lazy<Regex> = Lazy::new(|| build(r"\b(?:bmi|body\s+mass\s+index)\b"));
    static BMI_VALUE: Lazy<Regex> =
        Lazy::new(|| build(r"(?:^|[^\d/.\-])(?P<bmi>\d{2}(?:\.\d{1,2})?)(?:[^\d/\-]|$)"));
    for key in BMI.find_iter(text).take(20) {
        let clause = clause_ahead(head(&text[key.end()..], 110));
        if TARGET.is_match(clause) {
            continue;
        }
        let quantities: Vec<(f64, Range<usize>)> = BMI_VALUE
            .captures_iter(clause)
            .filter_map(|c| {
                let m = c.name("bmi")?;
                let v: f64 = m.as_str().parse().ok()?;
                (12.0..=80.0).contains(&v).then_some((v, m.range()))
            })
            .take(3)
            .collect();
        if let Some(end) = fall_between(clause, &quantities, BMI_FALL) {
            out.push(key.start()..key.end() + end);
        }
    }
    out
}

/// Of exactly two measurements in a clause, whether the later one is at least `least` below
/// the earlier: which is which from the words about each ("now", "today", "currently" against
/// "in April", "last year", "previously", "usual") or from "from ... to ..."; the end of the
/// second measurement in the clause.
fn fall_between(clause: &str, quantities: &[(f64, Range<usize>)], least: f64) -> Option<usize> {
    static CURRENT: Lazy<Regex> = Lazy::new(|| {
        build(
            r"\b(?:now|today|currently|at present|this week|this month|on the day|in clinic today)\b",
        )
    });
    static SEPARATOR: Lazy<Regex> =
        Lazy::new(|| build(r",|\(|\bbut\b|\band\b|\bvs\.?|\bversus\b|\bcompared\b"));
    static EARLIER: Lazy<Regex> = Lazy::new(|| {
        build(
            r"\b(?:in\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|last\s+(?:year|month|summer|winter|spring|autumn|time)|ago|previously|previous|before|usual|usually|normal|baseline|was|at\s+christmas|in\s+(?:19|20)\d\d)\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}",
        )
    });
    let [(a, ref ra), (b, ref rb)] = quantities[..] else {
        return None;
    };
    // The words about each weight: the first takes those before it and between the two
    // up to a break ("," "(" "but" "and" "vs"); the second the rest.
    let between = &clause[ra.end..rb.start];
    let split = SEPARATOR.find(between).map_or(between.len(), |m| m.start());
    let words_a = format!("{} {}", &clause[..ra.start], &between[..split]);
    let words_b = format!("{} {}", &between[split..], &clause[rb.end..]);
    let (a_now, b_now) = (CURRENT.is_match(&words_a), CURRENT.is_match(&words_b));
    let (a_then, b_then) = (EARLIER.is_match(&words_a), EARLIER.is_match(&words_b));
    let from_to = clause[..ra.start].to_ascii_lowercase().contains("from")
        && between.to_ascii_lowercase().contains("to");
    let (current, earlier) = match (from_to, a_now, b_now, a_then, b_then) {
        (true, ..) => (b, a),
        (_, true, false, _, _) | (_, false, false, false, true) => (a, b),
        (_, false, true, _, _) | (_, false, false, true, false) => (b, a),
        _ => return None,
    };
    (earlier - current >= least).then_some(rb.end)
}

/// The clause at the start of `s`: up to a semicolon, a line break or a full stop that is
/// not a decimal point.
fn clause_ahead(s: &str) -> &str {
    let bytes = s.as_bytes();
    let end = (0..bytes.len())
        .find(|&i| match bytes[i] {
            b';' | b'\n' => true,
            b'.' => {
                !(i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
            }
            _ => false,
        })
        .unwrap_or(s.len());
    &s[..end]
}

/// The least fall between two weights that a letter reports as weight lost (scales and
/// clothing differ by a kilogram or so).
const WEIGHT_FALL_KG: f64 = 2.0;
/// The least fall in body-mass index read as weight lost: a point, about 3 kg at 1.7 m.
const BMI_FALL: f64 = 1.0;

/// Whether a line starts with a field's label: a few words and a colon ("Hb:", "Date of
/// test:"), before any digit.
fn starts_with_label(line: &str) -> bool {
    let line = head(line.trim_start_matches([' ', '\t']), 40);
    let Some(colon) = line.find(':') else {
        return false;
    };
    let label = &line[..colon];
    label.starts_with(|c: char| c.is_alphabetic())
        && label.chars().all(|c| label_char(c) || c == '.')
        && label.split_whitespace().count() <= 4
}

/// Whether `s` starts a number written with OCR letters ("1O2", "l05").
fn starts_ocr_number(s: &str) -> bool {
    let token: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, 'O' | 'o' | 'l' | 'I'))
        .collect();
    token.chars().any(|c| c.is_ascii_digit())
        && token.len() <= 5
        && !s[token.len()..].starts_with(|c: char| c.is_alphabetic())
}

/// Reads a number ("98", "9.8", "1,200", "1O2"); returns it and its byte length.
fn read_number(s: &str) -> Option<(f64, usize)> {
    let mut digits = String::new();
    let mut len = 0;
    let mut seen_dot = false;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let mapped = match c {
            '0'..='9' => Some(c),
            'O' | 'o' => Some('0'),
            'l' | 'I' => Some('1'),
            _ => None,
        };
        if let Some(d) = mapped {
            if !c.is_ascii_digit() {
                // An OCR letter counts only between or after digits, not as a whole word.
                let prev_digit = !digits.is_empty();
                let next_digit = chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                if !prev_digit && !next_digit {
                    break;
                }
            }
            digits.push(d);
            len = at + c.len_utf8();
        } else if c == '.'
            && !seen_dot
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit())
            && !digits.is_empty()
        {
            seen_dot = true;
            digits.push('.');
        } else if c == ','
            && !seen_dot
            && !digits.is_empty()
            && chars.len() >= i + 4
            && chars[i + 1..i + 4].iter().all(|(_, n)| n.is_ascii_digit())
            && chars.get(i + 4).is_none_or(|(_, n)| !n.is_ascii_digit())
        {
            // Thousands separator.
        } else {
            break;
        }
        i += 1;
    }
    if !digits.chars().any(|c| c.is_ascii_digit()) || digits.len() > 8 {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    Some((value, len))
}

/// A unit right after a number (optional spaces before it): returns the unit and byte length.
fn read_unit(s: &str) -> (Option<Unit>, usize) {
    static UNIT: Lazy<Regex> = Lazy::new(|| {
        build(
            r"^\s?(?:(?P<gdl>g\s*/\s*dl|gm\s*/\s*dl)|g\s*/\s*l|(?:u|µ|mc|micro)g(?:rams?)?\s*(?:hb\s*)?/\s*(?:g|l)(?:\s*(?:of\s+)?faeces)?|ng\s*/\s*ml|mg\s*/\s*kg|i?u\s*/\s*l|iu\b|u/ml|%)",
        )
    });
    match UNIT.captures(s) {
        Some(c) => {
            let len = c.get(0).map_or(0, |m| m.end());
            let unit = if c.name("gdl").is_some() {
                Unit::GramsPerDecilitre
            } else {
                Unit::Other
            };
            (Some(unit), len)
        }
        None => (None, 0),
    }
}

/// "3 x ULN", "3 times the upper limit": a multiple of the upper limit of normal, not a value
/// in U/L (the spec's ALT thresholds are in U/L, so such a reading is not used).
fn times_upper_limit(s: &str) -> bool {
    static TIMES: Lazy<Regex> = Lazy::new(|| {
        build(
            r"^\s*(?:x|×|times)\s*(?:the\s+)?(?:uln|upper\s+limit|upper\s+limit\s+of\s+normal|normal)",
        )
    });
    TIMES.is_match(head(s, 40))
}

/// A letter or digit glued to the end of a number: "4S" is not a reading.
fn run_on_letter(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphanumeric())
}

fn convert(analyte: Analyte, value: f64, unit: Option<Unit>) -> f64 {
    match analyte {
        Analyte::Hb if unit == Some(Unit::GramsPerDecilitre) || value < 25.0 => value * 10.0,
        _ => value,
    }
}

fn looks_like_date(s: &str) -> bool {
    date_len(s.trim()).is_some()
}

/// The byte length of a numeric date ("12/03/2025", "12.03.25") at the start of `s`.
fn date_len(s: &str) -> Option<usize> {
    static DATE: Lazy<Regex> = Lazy::new(|| build(r"^\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b"));
    DATE.find(s).map(|m| m.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, analyte: Analyte) -> Option<f64> {
        let m = keyword_regex(analyte).find(text)?;
        scan_value(text, m.end(), analyte).map(|r| r.value)
    }

    #[test]
    fn values_in_form_boxes() {
        assert_eq!(
            read("FIT value ............. [ 28 ] ug Hb/g", Analyte::Fit),
            Some(28.0)
        );
        assert_eq!(read("Haemoglobin [ 9.8 ] g/dL", Analyte::Hb), Some(98.0));
        assert_eq!(read("FIT [<4] ug/g", Analyte::Fit), Some(3.0));
        assert_eq!(
            read(
                "Haemoglobin ........... [     ] g/L\nFerritin [ 12 ]",
                Analyte::Hb
            ),
            None
        );
        assert_eq!(read("FIT result [x] awaited", Analyte::Fit), None);
    }

    #[test]
    fn values_in_many_forms() {
        assert_eq!(read("Hb 98", Analyte::Hb), Some(98.0));
        assert_eq!(read("haemoglobin 9.8 g/dL", Analyte::Hb), Some(98.0));
        assert_eq!(read("Hb 9.8", Analyte::Hb), Some(98.0));
        assert_eq!(read("Hb (g/dL): 11.9", Analyte::Hb), Some(119.0));
        assert_eq!(read("Haemoglobin     98     g/L", Analyte::Hb), Some(98.0));
        assert_eq!(read("Hb 1O2 g/L", Analyte::Hb), Some(102.0));
        assert_eq!(read("HbA1c 52 mmol/mol", Analyte::Hb), None);
        assert_eq!(read("ferritin 8ug/l", Analyte::Ferritin), Some(8.0));
        assert_eq!(read("ferritin of 8 µg/L", Analyte::Ferritin), Some(8.0));
        assert_eq!(read("FIT 45", Analyte::Fit), Some(45.0));
        assert_eq!(read("qFIT 150 ug Hb/g", Analyte::Fit), Some(150.0));
        assert_eq!(read("FIT <4", Analyte::Fit), Some(3.0));
        assert_eq!(read("FIT undetectable", Analyte::Fit), Some(0.0));
        assert_eq!(read("FIT was negative", Analyte::Fit), Some(0.0));
        assert_eq!(read("FIT positive at 45", Analyte::Fit), Some(45.0));
        assert_eq!(read("qFIT posi tive at 23", Analyte::Fit), Some(23.0));
        assert_eq!(read("FIT nega tive", Analyte::Fit), Some(0.0));
        assert_eq!(read("FIT >400", Analyte::Fit), Some(400.0));
        assert_eq!(read("FIT 4S", Analyte::Fit), None);
        assert_eq!(read("FIT kit given, result awaited", Analyte::Fit), None);
        assert_eq!(read("fit and well, 3 weeks of pain", Analyte::Fit), None);
        assert_eq!(read("FIT (12/03/2025): 12", Analyte::Fit), Some(12.0));
        assert_eq!(read("calprotectin 560", Analyte::Calprotectin), Some(560.0));
        assert_eq!(read("FCP >1800 ug/g", Analyte::Calprotectin), Some(1800.0));
        assert_eq!(read("ALT 412 U/L", Analyte::Alt), Some(412.0));
        assert_eq!(read("ALT 1,250 IU/L", Analyte::Alt), Some(1250.0));
        assert_eq!(read("ALT 3 x ULN", Analyte::Alt), None);
        // Dictated numbers.
        assert_eq!(read("ALT of fifty-eight", Analyte::Alt), Some(58.0));
        assert_eq!(
            read("FIT result one hundred and twenty", Analyte::Fit),
            Some(120.0)
        );
        assert_eq!(
            read("a FIT of over four hundred", Analyte::Fit),
            Some(400.0)
        );
        assert_eq!(read("FIT under 10", Analyte::Fit), Some(9.0));
        assert_eq!(read("FIT in excess of 200 ug/g", Analyte::Fit), Some(200.0));
        assert_eq!(read("FIT overall fine", Analyte::Fit), None);
        // Old and new results side by side: the latest date's column.
        let table = "Results, previous and latest:\nTest          05/05/2023   21/06/2024   Ref range\nALT (U/L)     14           668          0 - 40\nHb (g/L)      131          H 99         130 - 180\n";
        let latest = |key: &str, analyte| {
            let end = table.find(key).map(|i| i + key.len())?;
            latest_in_dated_table(table, end, analyte).map(|r| r.value)
        };
        assert_eq!(latest("ALT", Analyte::Alt), Some(668.0));
        assert_eq!(latest("Hb", Analyte::Hb), Some(99.0));
        let newest_first = "Date | 03/05/2025 | 08/06/2024\nFIT | 142 | 6\n";
        let end = newest_first.find("FIT").map(|i| i + 3).unwrap_or(0);
        assert_eq!(
            latest_in_dated_table(newest_first, end, Analyte::Fit).map(|r| r.value),
            Some(142.0)
        );
        // A line below the table that gives its own value and a date in brackets is no
        // row of it: the date under the header's column is not a result.
        let below = "Bloods       02/03/2024     09/10/2025   Units\nHb           13.1           12.9         g/dL\nqFIT 6.2 ug/g   (09/10/2025)\n";
        let end = below.find("qFIT").map(|i| i + 4).unwrap_or(0);
        assert_eq!(latest_in_dated_table(below, end, Analyte::Fit), None);
        assert_eq!(
            read(below.lines().nth(2).unwrap_or(""), Analyte::Fit),
            Some(6.2)
        );
        let prose = "Seen on 01/02/2024 and 03/04/2024.\nALT 300 then 250\n";
        let end = prose.find("ALT").map(|i| i + 3).unwrap_or(0);
        assert_eq!(latest_in_dated_table(prose, end, Analyte::Alt), None);
        // A dash is no result, and the next field's value is not this one's.
        assert_eq!(read("FIT: -\nHb: 13.9 g/dL", Analyte::Fit), None);
        assert_eq!(read("FIT result:\n  150 ug/g", Analyte::Fit), Some(150.0));
        assert_eq!(
            read(
                "calprotectin of two hundred and thirty-eight",
                Analyte::Calprotectin
            ),
            Some(238.0)
        );
        assert_eq!(
            read(
                "calprotectin one thousand five hundred",
                Analyte::Calprotectin
            ),
            Some(1500.0)
        );
        assert_eq!(read("ferritin of nine", Analyte::Ferritin), Some(9.0));
        assert_eq!(
            read("haemoglobin nine point eight", Analyte::Hb),
            Some(98.0)
        );
        assert_eq!(read("FIT and well", Analyte::Fit), None);
        // Series: the current value.
        assert_eq!(
            read("ALT was 28 in last year but is now 299", Analyte::Alt),
            Some(299.0)
        );
        assert_eq!(
            read("calprotectin has risen from ninety in the autumn of 2024 to four hundred and twenty", Analyte::Calprotectin),
            Some(420.0)
        );
        assert_eq!(
            read(
                "Haemoglobin down from 14.1 to 10.8 g/dL in a year",
                Analyte::Hb
            ),
            Some(108.0)
        );
        assert_eq!(read("ALT up from 52 to 340", Analyte::Alt), Some(340.0));
        assert_eq!(
            read("ferritin 12 in 2022, now 85 on iron", Analyte::Ferritin),
            Some(85.0)
        );
        assert_eq!(
            read("FIT 3, now awaiting colonoscopy", Analyte::Fit),
            Some(3.0)
        );
        assert_eq!(read("ALT 4x ULN", Analyte::Alt), None);
        // The value after the multiple, unbracketed, in a note without punctuation.
        assert_eq!(
            read("bloods alt 3x uln 120 her partner is worried", Analyte::Alt),
            Some(120.0)
        );
        assert_eq!(read("ALT 3 times ULN: 126 U/L", Analyte::Alt), Some(126.0));
        assert_eq!(read("ALT 5 times the upper limit", Analyte::Alt), None);
        assert_eq!(read("Hb 98 (130-170)", Analyte::Hb), Some(98.0));
        assert_eq!(read("Hb (130-170) 98", Analyte::Hb), None);
        assert_eq!(read("ferritin: 8", Analyte::Ferritin), Some(8.0));
        assert_eq!(
            read("Ferritin 8 ug/L [15-300]", Analyte::Ferritin),
            Some(8.0)
        );
        assert_eq!(read("FIT: <4", Analyte::Fit), Some(3.0));
        assert_eq!(read("FIT neg", Analyte::Fit), Some(0.0));
        assert_eq!(read("Hb 11.2 g/dl", Analyte::Hb), Some(112.0));
        assert_eq!(read("Hb 112 g/L", Analyte::Hb), Some(112.0));
        assert_eq!(
            read("alanine transaminase 45 IU/L", Analyte::Alt),
            Some(45.0)
        );
    }

    #[test]
    fn old_and_new_values_in_a_series_and_results_of_nothing_found() {
        let current = |text: &str, analyte| {
            let m = keyword_regex(analyte).find(text)?;
            scan_value(text, m.end(), analyte).map(|r| (r.value, r.current))
        };
        assert_eq!(
            current("Hb 13.1 → 9.6 g/dL", Analyte::Hb),
            Some((96.0, true))
        );
        assert_eq!(
            current("ferritin 40 --> 11 ug/L [15-300]", Analyte::Ferritin),
            Some((11.0, true))
        );
        assert_eq!(current("ALT 35 => 180", Analyte::Alt), Some((180.0, true)));
        // A series, each value with its time in brackets, oldest first.
        assert_eq!(
            current("ALT 26 (Jan) -> 1961 (latest), ALP 519", Analyte::Alt),
            Some((1961.0, true))
        );
        assert_eq!(
            current("Hb 13.0 g/dL (Oct) then 8.9 g/dL (Dec).", Analyte::Hb),
            Some((89.0, true))
        );
        assert_eq!(
            current("Hb 128 (Jan) -> 109 (Mar) -> 96 (May)", Analyte::Hb),
            Some((96.0, true))
        );
        assert_eq!(
            current("Albumin: 36; ALT 20 (Mar), 1137 (this month)", Analyte::Alt),
            Some((1137.0, true))
        );
        assert_eq!(
            current("HGB 144 (Aug) then 117 (Oct)", Analyte::Hb),
            Some((117.0, true))
        );
        // A list of other tests is no series, nor is a value beside its reference range.
        assert_eq!(
            current("Hb 134, MCV 96, CRP 1", Analyte::Hb),
            Some((134.0, false))
        );
        assert_eq!(
            current("Hb 134 (ref 130-170), 96", Analyte::Hb),
            Some((134.0, false))
        );
        // A range is no arrow.
        assert_eq!(
            current("Hb 118 (115-165)", Analyte::Hb),
            Some((118.0, false))
        );
        assert_eq!(read("qFIT: none detected", Analyte::Fit), Some(0.0));
        assert_eq!(
            read(
                "FIT result and date: below the limit of detection (2 May 2024)",
                Analyte::Fit
            ),
            Some(0.0)
        );
        assert_eq!(read("FIT dated 02/05/2024: 46", Analyte::Fit), Some(46.0));
        // "And" joins another test, not a date: no FIT value here.
        assert_eq!(read("FIT and calprotectin requested", Analyte::Fit), None);
    }

    #[test]
    fn two_weights_a_fall_apart_are_weight_lost() {
        let lost = |t: &str| !weight_falls(t).is_empty();
        assert!(lost(
            "Weight 64 kg at today's visit, compared with 70 kg at Easter."
        ));
        assert!(lost(
            "She weighed 9 st 4 lb in clinic today (10 stone 1 lb last summer)"
        ));
        assert!(lost("Wt was 88.5kg in January and is now 83.0kg"));
        assert!(lost("weight has gone from 91 kg to 84 kg"));
        assert!(lost("weighs 58 kg now, usually 63 kg"));
        // A gain, a steady weight, a target, a single weight, or no word on which is current.
        assert!(!lost("Weight 70 kg today, 64 kg in March."));
        assert!(!lost("Weight today 81 kg, 81.5 kg last month."));
        assert!(!lost("Weight 96 kg, target weight 85 kg."));
        assert!(!lost("Weight 73 kg, BMI 24."));
        assert!(!lost("Weights 73 kg and 78 kg recorded."));
        // Only the clause: the next sentence's weight is not compared.
        assert!(!lost("Weight now 60 kg. Her husband is 95 kg."));
        // The body-mass index at two times, a point or more apart.
        assert!(lost(
            "Regarding weight: a fall in BMI from 31.2 (August) to 28.7 now without dieting."
        ));
        assert!(lost("BMI 27.9 today, 30.1 in March"));
        assert!(!lost("BMI 29.4 today (29.8 in May)"));
        assert!(!lost("BMI 34.8 today; we agreed a target BMI of 25."));
        assert!(!lost("BMI 31 on 12/08/2024"));
    }
}
