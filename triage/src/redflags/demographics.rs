//! Age, sex and dates: "aged 67", "67 year old", "67yo", "67M", or the date of birth against
//! the letter date; Mr/Mrs/Ms, "Sex: F", male/female and pronouns.

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

/// Ages written in words: "sixty-two year old", "aged seventy one".
static WORD_AGE: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?:aged\s+)?(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-]?(?P<u>one|two|three|four|five|six|seven|eight|nine))?(?P<y>[\s\-]+years?[\s\-]+old)?\b",
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
        let aged = m.as_str().to_ascii_lowercase().starts_with("aged");
        if !aged && c.name("y").is_none() {
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
