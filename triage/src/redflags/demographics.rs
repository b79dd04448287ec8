//! Age, sex and dates: "aged 67", "67 year old", "67yo", "67M", or the date of birth against
//! the letter date; Mr/Mrs/Ms, "Sex: F", male/female and pronouns.

use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::Regex;

use super::lexicon::{build, build_with};
use crate::facts::Sex;

static AGE_PATTERNS: Lazy<Vec<Regex>> = Lazy::new(|| {
    vec![
        build(r"\b(?P<a>\d{1,3})\s*(?:-\s*)?(?:year|yr)s?\s*(?:-\s*)?old\b"),
        build(r"\baged?\s*[:=]?\s*(?P<a>\d{1,3})\b"),
        build(r"\bage\s*\([^)]{0,12}\)\s*[:=\-]?\s*(?P<a>\d{1,3})\b"),
        build(r"\bage\s*[:=\-]\s*(?P<a>\d{1,3})\s*(?:y|yrs?|years)?\b"),
        // "in her 50s", "in his late 60s": the decade's lower bound ("mid" +4, "late" +7 is
        // added by the reader).
        build(r"\bin\s+(?:his|her|their)\s+(?:early\s+|mid\s+|mid-|late\s+)?(?P<a>[1-9]0)'?s\b"),
        // "Age ......... 56", "Age ____ 56": a form's leader dots or rule.
        build(r"\bage\s*(?:[.…_]\s*){2,}(?P<a>\d{1,3})\b"),
        build(r"\b(?P<a>\d{1,3})\s*(?:yo|y/o|y\.o\.?|y)\b"),
        build(r"\b(?P<a>\d{1,3})\s+years\s+of\s+age\b"),
        // "Mrs Jones, 67,", "Mr L (81)": a title, a name and a bare number.
        build(
            r"\b(?:mr|mrs|ms|miss)\.?\s+[a-z][a-z'\-]*(?:\s+[a-z][a-z'\-]*)?\s*[,:\-]?\s*\(?(?P<a>\d{2,3})\)?\s*(?:y|yo|yrs)?(?:[,:;)]|\s|\.(?:\s|$)|$)",
        ),
        // "67M", "54 F", "M 60", "F, 60", "60 yrs": case-sensitive sex letter.
        build_with(r"\b(?P<a>\d{2,3})\s?[MF]\b", false),
        build_with(
            r"\b[MF]\s?[,/]?\s?(?P<a>\d{2,3})\b(?:\s*(?:y|yo|yrs?)\b)?",
            false,
        ),
        build(r"\b(?P<a>\d{1,3})\s*yrs?\b(?:\s+old)?"),
        // "Age/Sex: 45/F", "45/M".
        build_with(r"\b(?P<a>\d{2,3})\s*/\s*[MFmf]\b", false),
    ]
});

/// An age stated in the text: the value and its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeMention {
    pub age: u32,
    /// How many years above `age` the stated age may be: 0 for an exact age, the rest of the
    /// decade for "in her 50s" (age 50, within 9), "late 60s" (67, within 2).
    pub within: u32,
    pub start: usize,
    pub end: usize,
}

/// Ages written in words: "sixty-two year old", "aged seventy one", "Age: forty-seven".
static WORD_AGE: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?P<lead>aged\s+|age\s*(?:at\s+(?:assessment|referral|consultation|review)\s*)?[:=\-(]?\s*)?(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-]?(?P<u>one|two|three|four|five|six|seven|eight|nine))?(?P<y>[\s\-]+years?[\s\-]+old)?\b",
    )
});

fn word_ages(text: &str, out: &mut Vec<AgeMention>) {
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    const UNITS: [&str; 9] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    for c in WORD_AGE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        // "aged seventy one", "age thirty-seven", "Age at referral: eighty-two", or the
        // years written after it.
        if c.name("lead").is_none() && c.name("y").is_none() {
            continue;
        }
        let tens = c
            .name("t")
            .and_then(|t| TENS.iter().position(|x| t.as_str().eq_ignore_ascii_case(x)));
        let units = c
            .name("u")
            .and_then(|u| {
                UNITS
                    .iter()
                    .position(|x| u.as_str().eq_ignore_ascii_case(x))
            })
            .map_or(0, |i| i + 1);
        if let Some(t) = tens {
            out.push(AgeMention {
                within: 0,
                age: (t as u32 + 2) * 10 + units as u32,
                start: m.start(),
                end: m.end(),
            });
        }
    }
}

/// Stated ages in order of appearance (16 to 110 only).
pub fn age_mentions(text: &str) -> Vec<AgeMention> {
    let mut out = Vec::new();
    word_ages(text, &mut out);
    for re in AGE_PATTERNS.iter() {
        for c in re.captures_iter(text) {
            let (Some(m), Some(a)) = (c.get(0), c.name("a")) else {
                continue;
            };
            let Ok(mut age) = a.as_str().parse::<u32>() else {
                continue;
            };
            let matched = m.as_str().to_ascii_lowercase();
            let mut within = 0;
            if matched.ends_with('s') && matched.starts_with("in ") {
                (age, within) = if matched.contains("late") {
                    (age + 7, 2)
                } else if matched.contains("mid") {
                    (age + 4, 2)
                } else if matched.contains("early") {
                    (age, 3)
                } else {
                    (age, 9)
                };
            }
            // "for 10 yrs", "over 20 y": a duration, not an age.
            let before = text[..m.start()].trim_end().to_ascii_lowercase();
            let last_word = before
                .rsplit(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            if m.as_str().starts_with(|c: char| c.is_ascii_digit())
                && matches!(
                    last_word,
                    "for"
                        | "over"
                        | "past"
                        | "last"
                        | "previous"
                        | "about"
                        | "approx"
                        | "nearly"
                        | "almost"
                        | "since"
                        | "within"
                        | "x"
                        | "in"
                )
            {
                continue;
            }
            // "Aged 55 and over with ...": a form's criterion, not the patient's age.
            let after: String = text[m.end()..].trim_start().chars().take(20).collect();
            let after = after.to_ascii_lowercase();
            if [
                "and over",
                "and above",
                "and older",
                "or over",
                "or above",
                "or older",
                "+",
                "years and over",
                "years or over",
                "years and above",
                "years or older",
            ]
            .iter()
            .any(|p| after.starts_with(p))
            {
                continue;
            }
            if ["dob", "born", "nhs", "d.o.b", " no "]
                .iter()
                .any(|w| matched.contains(w))
            {
                continue;
            }
            if (16..=110).contains(&age) {
                out.push(AgeMention {
                    age,
                    within,
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

/// Relatives whose age a letter may give beside the patient's ("her 45 year old sister").
static RELATIVE_NEAR: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?:mother|mum|father|dad|parents?|brother|sister|siblings?|son|daughter|child|children|uncle|aunt|grandmother|grandfather|grandparents?|cousin|wife|husband|partner|niece|nephew|relative)\b",
    )
});

/// An age mention written as the patient's own ("67 year old", "67yo", "Age: 67", "67M"),
/// not "aged 25" (an age at diagnosis, the patient's or a relative's) nor a relative's.
fn names_the_patients_age(text: &str, m: &AgeMention) -> bool {
    let said = text[m.start..m.end].to_ascii_lowercase();
    let own_form = said.contains("old")
        || said.contains("yo")
        || said.contains("y/o")
        || (said.starts_with("age")
            && !said.starts_with("aged")
            && (said.contains([':', '='])
                || text[..m.start]
                    .trim_end_matches([' ', '\t'])
                    .ends_with('\n')))
        || said.ends_with('m')
        || said.ends_with('f');
    let before_from = text[..m.start]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let after_to = text[m.end..]
        .char_indices()
        .nth(20)
        .map_or(text.len(), |(i, _)| m.end + i);
    // "DOB 03.11.47 F": the year of a date before a sex letter is no age.
    let inside_a_date = text[..m.start].ends_with(['.', '/', '-']);
    own_form
        && !inside_a_date
        && m.within == 0
        && !RELATIVE_NEAR.is_match(&text[before_from..m.start])
        && !RELATIVE_NEAR.is_match(&text[m.end..after_to])
}

/// Whether the ages a document states for its patient contradict a date of birth read from
/// it: every age written as the patient's ("80 year old woman", "Age: 80", "80F") is 2 or
/// more years from the age the date gives at every date the document holds after it (a
/// clinic letter may quote a referral written years later, so no one date is taken as the
/// day the age was written). A misread digit of the year ("1938" for 1935) then shows, and
/// the date of birth is left for a person to read rather than stored as another person's. One
/// year either way is allowed (a letter typed after the birthday it was dictated before).
/// Where the document gives no date of its own (none labelled as the letter's or the
/// clinic's, none standing alone on its line), only an age below the latest date's
/// contradicts: a letter may be written years after the dates of its problem list.
pub fn birth_date_contradicted(text: &str, birth: NaiveDate) -> bool {
    use types::clinical::{age_at, date_label, find_uk_dates, DateLabel};
    let stated: Vec<u32> = age_mentions(text)
        .iter()
        .filter(|m| names_the_patients_age(text, m))
        .map(|m| m.age)
        .collect();
    // The dates the document holds, the date of birth itself left out (at it the patient is
    // 0), each with the age it gives and whether it is the letter's own date: labelled as
    // the letter's or the clinic's, or a date standing alone on its line (a letter's heading).
    let dates: Vec<(u32, bool)> = find_uk_dates(text)
        .iter()
        .filter(|d| d.date != birth)
        .filter_map(|d| {
            let line_start = text[..d.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[d.end..].find('\n').map_or(text.len(), |i| d.end + i);
            let alone = text[line_start..d.start].trim().is_empty()
                && text[d.end..line_end].trim().is_empty();
            let label = date_label(text, d.start);
            if label == DateLabel::Birth {
                return None;
            }
            let dated = alone || matches!(label, DateLabel::Letter | DateLabel::Event);
            Some((age_at(birth, d.date)?, dated))
        })
        .collect();
    if stated.is_empty() || dates.is_empty() {
        return false;
    }
    if dates
        .iter()
        .any(|(then, _)| stated.iter().any(|s| s.abs_diff(*then) <= 1))
    {
        return false;
    }
    // Without the letter's own date, the letter may have been written years after every date
    // it holds (a problem list's): only an age below the latest of them contradicts.
    let latest = dates.iter().map(|(then, _)| *then).max().unwrap_or(0);
    dates.iter().any(|(_, dated)| *dated) || stated.iter().all(|s| s + 1 < latest)
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
        (build_with(r"\b\d{2,3}\s?(?:yo\s?)?(?P<s>[MF])\b", false), 3),
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
    fn a_stated_age_contradicts_a_misread_year_of_birth() {
        let born = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let letter =
            "1 June 2015\nDOB 29/10/1938\nThank you for seeing this 80 year old woman with reflux.";
        // Read as 1938 the patient would be 76: the letter says 80.
        assert!(birth_date_contradicted(letter, born(1938, 10, 29)));
        // Read right (1935: 79, a birthday after the letter was dictated) it stands.
        assert!(!birth_date_contradicted(letter, born(1935, 10, 29)));
        for text in [
            "Age: 76\nDOB 29/10/1938\nDate: 01/06/2015",
            "01/06/2015 76F, reflux for 6 weeks.",
            "01/06/2015 76yo lady with reflux",
            // A clinic letter quoting a referral written four years later.
            "Clinic 01/06/2011\nGP referral dated 1 June 2015: 76 year old man.",
            // No age as the patient's: a relative's, an age at diagnosis, none at all.
            "01/06/2015 Her 45 year old sister has coeliac disease.",
            "01/06/2015 Father had bowel cancer aged 62.",
            "01/06/2015 Diagnosed with UC aged 25, stable since.",
            "01/06/2015 Known Crohn's colitis, diagnosed at age 21.",
            "01/06/2015 Reflux for 6 weeks.",
            "01/06/2015 DOB 29.10.38 F",
            // No date to tell the age at.
            "A 60 year old man with reflux.",
        ] {
            assert!(!birth_date_contradicted(text, born(1938, 10, 29)), "{text}");
        }
        // The date of birth alone gives no date to tell the age at (age 0 there), and a
        // problem list's dates leave the letter's own date open: an age above them all stands.
        assert!(!birth_date_contradicted(
            "Re: Mr Harold Kershaw, D.O.B. 21.05.51\nThank you for seeing this 46 year old man.",
            born(1951, 5, 21)
        ));
        assert!(!birth_date_contradicted(
            "DOB: 14-Jul-1968\nThank you for seeing this 28 year old gentleman.\n\
             Significant history\n13/09/1994 Hypercholesterolaemia\n28/04/1987 Type 2 diabetes",
            born(1968, 7, 14)
        ));
        // ...but an age below the latest of them does contradict.
        assert!(birth_date_contradicted(
            "DOB: 14-Jul-1968\nThank you for seeing this 18 year old gentleman.\n\
             Significant history\n13/09/1994 Hypercholesterolaemia",
            born(1968, 7, 14)
        ));
        // One age of the patient's within a year of the date keeps it.
        assert!(!birth_date_contradicted(
            "01/06/2015 A 75 year old man (Age: 76) with reflux",
            born(1938, 10, 29)
        ));
        assert!(birth_date_contradicted(
            "01/06/2015 Mr Smith is a 60 yo man with reflux.",
            born(1938, 10, 29)
        ));
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
        assert_eq!(first_age("60yo"), Some(60));
        assert_eq!(first_age("60 y/o female"), Some(60));
        assert_eq!(first_age("M 60, PR bleed"), Some(60));
        assert_eq!(first_age("F, 60"), Some(60));
        assert_eq!(first_age("Pt 60yrs"), Some(60));
        assert_eq!(first_age("a 60-yr-old"), Some(60));
        assert_eq!(first_age("a sixty-two year old man"), Some(62));
        assert_eq!(first_age("aged seventy one"), Some(71));
        assert_eq!(first_age("Age/Sex: 45/F"), Some(45));
        assert_eq!(first_age("Age (years): 58"), Some(58));
        assert_eq!(first_age("Age - 58"), Some(58));
        assert_eq!(first_age("Age ......... 56"), Some(56));
        assert_eq!(first_age("This woman in her 50s."), Some(50));
        assert_eq!(first_age("a man in his late 60's"), Some(67));
        assert_eq!(first_age("Age ____ 71 years"), Some(71));
        assert_eq!(first_age("sixty patients"), None);
        assert_eq!(first_age("for 6 weeks"), None);
        assert_eq!(first_age("symptoms for 2 years"), None);
        assert_eq!(first_age("reflux for 20 yrs"), None);
        assert_eq!(first_age("FIT 45"), None);
        // A form's criterion names an age threshold, not the patient's age.
        assert_eq!(first_age("[ ] Aged 55 and over with reflux"), None);
        assert_eq!(first_age("( ) aged 60+ with anaemia"), None);
        assert_eq!(first_age("Age 40 or over with weight loss"), None);
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
