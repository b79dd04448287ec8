//! Age, sex and dates: "aged 67", "67 year old", "67yo", "67M", or the date of birth against
//! the letter date; Mr/Mrs/Ms, "Sex: F", male/female and pronouns.

use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::{Captures, Regex};

use super::lexicon::build;
use crate::corpus::age_on;
use crate::facts::Sex;

/// A date found in the text and what its label says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
    pub kind: DateKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    Birth,
    Letter,
    Other,
}

static NUMERIC_DATE: Lazy<Regex> = Lazy::new(|| {
    build(r"\b(?P<d>[0-9OIl]{1,2})[/.\-](?P<m>[0-9OIl]{1,2})[/.\-](?P<y>[0-9OIl]{4}|\d{2})\b")
});
static TEXT_DATE: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s\-]+(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[\s\-,]+(?P<y>\d{4})\b",
    )
});
static BIRTH_LABEL: Lazy<Regex> =
    Lazy::new(|| build(r"(?:\bd\.?\s?o\.?\s?b\b\.?|date of birth|\bborn\b|\bdob\b)[^\n]{0,6}$"));
static LETTER_LABEL: Lazy<Regex> = Lazy::new(|| {
    build(
        r"(?:\bdate\b|\bdated\b|\bprinted\b|\bsent\b|\btyped\b|\bconsultation\b|\breferral date\b)[^\n]{0,12}$",
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

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| m.starts_with(n))
        .map(|i| i as u32 + 1)
}

fn to_date(c: &Captures<'_>, textual: bool) -> Option<NaiveDate> {
    let d: u32 = ocr_digits(c.name("d")?.as_str()).parse().ok()?;
    let m: u32 = if textual {
        month_number(c.name("m")?.as_str())?
    } else {
        ocr_digits(c.name("m")?.as_str()).parse().ok()?
    };
    let y_s = ocr_digits(c.name("y")?.as_str());
    let mut y: i32 = y_s.parse().ok()?;
    if y_s.len() == 2 {
        y += if y > 40 { 1900 } else { 2000 };
    }
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Every date in the text with its label kind.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut out = Vec::new();
    for (re, textual) in [(&*NUMERIC_DATE, false), (&*TEXT_DATE, true)] {
        for c in re.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let Some(date) = to_date(&c, textual) else {
                continue;
            };
            let mut from = m.start().saturating_sub(30);
            while from > 0 && !text.is_char_boundary(from) {
                from -= 1;
            }
            let before = text.get(from..m.start()).unwrap_or("");
            let kind = if BIRTH_LABEL.is_match(before) {
                DateKind::Birth
            } else if LETTER_LABEL.is_match(before) {
                DateKind::Letter
            } else {
                DateKind::Other
            };
            out.push(FoundDate {
                date,
                start: m.start(),
                end: m.end(),
                kind,
            });
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

/// The date of birth and the letter date (labelled, else the latest other date).
pub fn birth_and_letter_dates(dates: &[FoundDate]) -> (Option<FoundDate>, Option<FoundDate>) {
    let birth = dates.iter().find(|d| d.kind == DateKind::Birth).copied();
    let letter = dates
        .iter()
        .find(|d| d.kind == DateKind::Letter)
        .or_else(|| {
            dates
                .iter()
                .filter(|d| d.kind == DateKind::Other)
                .filter(|d| birth.is_none_or(|b| d.date > b.date))
                .max_by_key(|d| d.date)
        })
        .copied();
    (birth, letter)
}

static AGE_PATTERNS: Lazy<Vec<Regex>> = Lazy::new(|| {
    vec![
        build(r"\b(?P<a>\d{1,3})\s*(?:-\s*)?(?:year|yr)s?\s*(?:-\s*)?old\b"),
        build(r"\baged?\s*[:=]?\s*(?P<a>\d{1,3})\b"),
        build(r"\b(?P<a>\d{1,3})\s*(?:yo|y/o|y\.o\.?|y)\b"),
        build(r"\b(?P<a>\d{1,3})\s+years\s+of\s+age\b"),
        // "Mrs Jones, 67,", "Mr L (81)": a title, a name and a bare number.
        build(
            r"\b(?:mr|mrs|ms|miss)\.?\s+[a-z][a-z'\-]*(?:\s+[a-z][a-z'\-]*)?\s*[,:\-]?\s*\(?(?P<a>\d{2,3})\)?\s*(?:y|yo|yrs)?(?:[,:;)]|\s|\.(?:\s|$)|$)",
        ),
        // "67M", "54 F": case-sensitive sex letter.
        Regex::new(r"\b(?P<a>\d{2,3})\s?[MF]\b").unwrap_or_else(|_| build("$^")),
    ]
});

/// An age stated in the text: the value and its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeMention {
    pub age: u32,
    pub start: usize,
    pub end: usize,
}

/// Stated ages in order of appearance (16 to 110 only).
pub fn age_mentions(text: &str) -> Vec<AgeMention> {
    let mut out = Vec::new();
    for re in AGE_PATTERNS.iter() {
        for c in re.captures_iter(text) {
            let (Some(m), Some(a)) = (c.get(0), c.name("a")) else {
                continue;
            };
            let Ok(age) = a.as_str().parse::<u32>() else {
                continue;
            };
            let matched = m.as_str().to_ascii_lowercase();
            if ["dob", "born", "nhs", "d.o.b", " no "]
                .iter()
                .any(|w| matched.contains(w))
            {
                continue;
            }
            if (16..=110).contains(&age) {
                out.push(AgeMention {
                    age,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out.dedup_by_key(|m| m.start);
    out
}

/// Age from a date of birth and a letter date, when both are known and sensible.
pub fn age_from_dates(birth: NaiveDate, letter: NaiveDate) -> Option<u32> {
    if letter < birth {
        return None;
    }
    let age = age_on(birth, letter);
    (age <= 115).then_some(age)
}

/// A vote for the patient's sex and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SexCue {
    pub sex: Sex,
    pub weight: i32,
    pub start: usize,
    pub end: usize,
}

static SEX_CUES: Lazy<Vec<(Regex, i32)>> = Lazy::new(|| {
    vec![
        (
            build(r"\b(?:sex|gender)\s*[:=]?\s*(?P<s>male|female|m|f)\b"),
            5,
        ),
        (build(r"\b(?P<s>mr|mrs|ms|miss)\b\.?"), 3),
        (
            Regex::new(r"\b\d{2,3}\s?(?:yo\s?)?(?P<s>[MF])\b").unwrap_or_else(|_| build("$^")),
            3,
        ),
        (build(r"\b\d{1,3}\s*yo\s+(?P<s>m|f)\b"), 3),
        (
            build(r"\b(?P<s>female|woman|lady|male|man|gentleman|gent)\b"),
            2,
        ),
        (
            build(r"\b(?P<s>she|her|hers|herself|he|him|his|himself)\b"),
            1,
        ),
    ]
});

/// All sex cues outside salutations ("Dear Mr Smith" names the consultant).
pub fn sex_cues(text: &str) -> Vec<SexCue> {
    let mut out = Vec::new();
    for (re, weight) in SEX_CUES.iter() {
        for c in re.captures_iter(text) {
            let Some(s) = c.name("s") else { continue };
            let word = s.as_str().to_ascii_lowercase();
            let sex = match word.as_str() {
                "male" | "m" | "mr" | "man" | "gentleman" | "gent" | "he" | "him" | "his"
                | "himself" => Sex::Male,
                _ => Sex::Female,
            };
            let mut from = s.start().saturating_sub(6);
            while from > 0 && !text.is_char_boundary(from) {
                from -= 1;
            }
            let before = text.get(from..s.start()).unwrap_or("").to_ascii_lowercase();
            if *weight == 3 && before.trim_end().ends_with("dear") {
                continue;
            }
            out.push(SexCue {
                sex,
                weight: *weight,
                start: s.start(),
                end: s.end(),
            });
        }
    }
    out
}

/// The sex the cues vote for, if any.
pub fn decide_sex(cues: &[SexCue]) -> Option<Sex> {
    let score: i32 = cues
        .iter()
        .map(|c| match c.sex {
            Sex::Male => c.weight,
            Sex::Female => -c.weight,
        })
        .sum();
    match score {
        s if s > 0 => Some(Sex::Male),
        s if s < 0 => Some(Sex::Female),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_age(text: &str) -> Option<u32> {
        age_mentions(text).first().map(|m| m.age)
    }

    #[test]
    fn ages_in_many_forms() {
        assert_eq!(first_age("this 67 year old man"), Some(67));
        assert_eq!(first_age("a 67-year-old woman"), Some(67));
        assert_eq!(first_age("aged 67"), Some(67));
        assert_eq!(first_age("Age: 67"), Some(67));
        assert_eq!(first_age("67yo F"), Some(67));
        assert_eq!(first_age("67 y/o"), Some(67));
        assert_eq!(first_age("67M, PR bleed"), Some(67));
        assert_eq!(first_age("for 6 weeks"), None);
        assert_eq!(first_age("FIT 45"), None);
    }

    #[test]
    fn dates_and_age_from_dob() {
        let text = "Date: 14/05/2025\nDOB: 12-Mar-1957\nColonoscopy 3 June 2019 normal";
        let dates = find_dates(text);
        let (birth, letter) = birth_and_letter_dates(&dates);
        let (birth, letter) = (birth.map(|d| d.date), letter.map(|d| d.date));
        assert_eq!(birth, NaiveDate::from_ymd_opt(1957, 3, 12));
        assert_eq!(letter, NaiveDate::from_ymd_opt(2025, 5, 14));
        let age = birth.zip(letter).and_then(|(b, l)| age_from_dates(b, l));
        assert_eq!(age, Some(68));
        // Unlabelled: the letter date is the latest date after the birth date.
        let dates =
            find_dates("12 March 2025\nRe: Mrs X, born 01.02.1960. OGD 2019-ish, 01/01/2020");
        let (_, letter) = birth_and_letter_dates(&dates);
        assert_eq!(letter.map(|d| d.date), NaiveDate::from_ymd_opt(2025, 3, 12));
    }

    #[test]
    fn sex_from_titles_fields_and_pronouns() {
        assert_eq!(
            decide_sex(&sex_cues("Mrs Jones, she has")),
            Some(Sex::Female)
        );
        assert_eq!(
            decide_sex(&sex_cues("Dear Mr Evans, this lady")),
            Some(Sex::Female)
        );
        assert_eq!(decide_sex(&sex_cues("Sex: M")), Some(Sex::Male));
        assert_eq!(decide_sex(&sex_cues("67M PR bleed")), Some(Sex::Male));
        assert_eq!(decide_sex(&sex_cues("FIT 45")), None);
    }
}
