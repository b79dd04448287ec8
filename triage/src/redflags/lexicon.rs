//! The words for each finding, compiled into OCR- and typo-tolerant regular expressions.
//!
//! A term is written as a plain phrase ("difficulty swallowing") or, with a leading `~`, as a
//! raw regex. Plain phrases are compiled by [`fuzzy`]: case-insensitive, `l` also matching `1`,
//! `o` also `0`, `m` also `rn` (and `rn` also `m`), long words allowed one stray space or
//! hyphen-line-break inside (a broken OCR word), and listed head words allowed one slip
//! (a dropped, doubled or swapped letter).

use once_cell::sync::Lazy;
use regex::{Regex, RegexBuilder};

use crate::facts::Finding;

/// The checker's vocabulary, `triage/data/lexicon.txt`, compiled into the binary.
const LEXICON_SRC: &str = include_str!("../../data/lexicon.txt");

/// The lexicon file, parsed: its sections in order, each with its lines.
pub struct Lexicon {
    sections: Vec<(String, Vec<String>)>,
}

impl Lexicon {
    /// Parses the lexicon format (see the file's header). Errors name the line.
    pub fn parse(src: &str) -> Result<Lexicon, String> {
        let mut sections: Vec<(String, Vec<String>)> = Vec::new();
        for (i, raw) in src.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                if sections.iter().any(|(n, _)| *n == name) {
                    return Err(format!("line {}: section [{name}] appears twice", i + 1));
                }
                sections.push((name, Vec::new()));
                continue;
            }
            match sections.last_mut() {
                Some((_, terms)) => terms.push(line.to_string()),
                None => return Err(format!("line {}: a term before any [section]", i + 1)),
            }
        }
        for (name, terms) in &sections {
            if terms.is_empty() {
                return Err(format!("section [{name}] is empty"));
            }
        }
        Ok(Lexicon { sections })
    }

    /// Every line of every section.
    pub fn all_lines(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .flat_map(|(_, lines)| lines.iter().map(String::as_str))
    }

    /// The lines of section `name`, or an error naming it.
    pub fn section(&self, name: &str) -> Result<&[String], String> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_slice())
            .ok_or_else(|| format!("section [{name}] is missing"))
    }
}

/// The built-in lexicon. A malformed file is a loud error at start-up (the checker forces it
/// in [`super::RedFlagChecker::new`]), never a silently empty vocabulary.
pub static LEXICON: Lazy<Lexicon> = Lazy::new(|| {
    let lexicon =
        Lexicon::parse(LEXICON_SRC).unwrap_or_else(|e| panic!("triage/data/lexicon.txt: {e}"));
    for f in TERM_FINDINGS {
        if let Err(e) = lexicon.section(&format!("finding {f}")) {
            panic!("triage/data/lexicon.txt: {e}");
        }
    }
    lexicon
});

/// The lines of `name` in the built-in lexicon.
fn section(name: &str) -> Vec<&'static str> {
    match LEXICON.section(name) {
        Ok(terms) => terms.iter().map(String::as_str).collect(),
        Err(e) => panic!("triage/data/lexicon.txt: {e}"),
    }
}

/// Long words whose one-letter slips are tolerated.
static SLIP_TOLERANT: Lazy<Vec<&'static str>> = Lazy::new(|| section("slip-tolerant"));

/// Common misspellings that are not single drops, doubles or swaps: (word, misspelling).
static MISSPELLINGS: Lazy<Vec<(&'static str, &'static str)>> = Lazy::new(|| {
    section("misspellings")
        .into_iter()
        .map(|line| match line.split_once(char::is_whitespace) {
            Some((word, slip)) => (word, slip.trim()),
            None => panic!("triage/data/lexicon.txt: [misspellings] line {line:?} needs a word and its misspelling"),
        })
        .collect()
});

/// The terms of a list in `[terms NAME]`.
fn terms_of(name: &str) -> Vec<&'static str> {
    section(&format!("terms {name}"))
}

/// Single-edit slips of `word`: each letter dropped, doubled, or swapped with the next.
fn slips(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = vec![word.to_string()];
    out.extend(
        MISSPELLINGS
            .iter()
            .filter(|(w, _)| *w == word)
            .map(|(_, m)| m.to_string()),
    );
    for i in 0..chars.len() {
        let mut dropped = chars.clone();
        dropped.remove(i);
        out.push(dropped.into_iter().collect());
        let mut doubled = chars.clone();
        doubled.insert(i, chars[i]);
        out.push(doubled.into_iter().collect());
        if i + 1 < chars.len() {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            out.push(swapped.into_iter().collect());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The OCR-tolerant pattern of one word.
fn fuzzy_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let breakable = chars.iter().filter(|c| c.is_alphabetic()).count() >= 6;
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].to_ascii_lowercase();
        if i > 0 && breakable && c.is_alphabetic() && chars[i - 1].is_alphabetic() {
            out.push_str(r"(?:\s|-\s?)?");
        }
        match c {
            'r' if chars
                .get(i + 1)
                .is_some_and(|n| n.eq_ignore_ascii_case(&'n')) =>
            {
                out.push_str("(?:rn|m)");
                i += 1;
            }
            'm' => out.push_str("(?:m|rn)"),
            'l' => out.push_str("[l1|]"),
            'i' => out.push_str("[il1]"),
            'o' => out.push_str("[o0]"),
            '\'' | '’' => out.push_str("['’]?"),
            '-' => out.push_str(r"[\s\-]?"),
            '/' => out.push_str(r"\s*/\s*"),
            '.' => out.push_str(r"\.?"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    out
}

/// Compiles a plain phrase into an OCR- and slip-tolerant regex fragment (no anchors).
pub fn fuzzy(phrase: &str) -> String {
    let words: Vec<String> = phrase
        .split_whitespace()
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            if SLIP_TOLERANT.contains(&lower.as_str()) {
                let alts: Vec<String> = slips(&lower).iter().map(|s| fuzzy_word(s)).collect();
                format!("(?:{})", alts.join("|"))
            } else {
                fuzzy_word(w)
            }
        })
        .collect();
    words.join(r"[\s\-]+")
}

/// One regex matching any of `terms` as whole words.
pub fn compile_terms(terms: &[&str]) -> Regex {
    let alts: Vec<String> = terms
        .iter()
        .map(|t| match t.strip_prefix('~') {
            Some(raw) => format!("(?:{raw})"),
            None => format!("(?:{})", fuzzy(t)),
        })
        .collect();
    let pattern = format!(r"\b(?:{})\b", alts.join("|"));
    build(&pattern)
}

/// Builds a case-insensitive regex. The patterns are fixed, so a failure is a programming
/// error: it panics with the pattern's error (loudly, on first use), never leaving a pattern
/// that silently matches nothing. `tests::every_production_pattern_compiles` forces every
/// pattern of the checker, so a bad one fails the test suite first.
pub fn build(pattern: &str) -> Regex {
    build_with(pattern, true)
}

/// [`build`] with the case sensitivity given.
pub fn build_with(pattern: &str, case_insensitive: bool) -> Regex {
    match RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .size_limit(64 * (1 << 20))
        .dfa_size_limit(16 * (1 << 20))
        .build()
    {
        Ok(re) => re,
        Err(e) => panic!("red-flag checker pattern does not compile: {e}"),
    }
}

/// The terms of each finding the checker reads from free text (`[finding NAME]` in the
/// lexicon). Findings read by dedicated logic (known IBD, cirrhosis, tTG, PPI duration, family
/// history) have no section: their words are in the `[terms ...]` lists.
pub fn terms(f: Finding) -> Vec<&'static str> {
    if TERM_FINDINGS.contains(&f) {
        section(&format!("finding {f}"))
    } else {
        Vec::new()
    }
}

/// Findings read by plain term matching, in the order overlaps are resolved: an earlier
/// finding's match hides a later finding's match over the same text (so "upper abdominal pain"
/// is not also abdominal pain, and "bloody diarrhoea" is not also a change in bowel habit).
pub const TERM_FINDINGS: &[Finding] = &[
    Finding::BloodyDiarrhoea,
    Finding::UpperAbdominalPain,
    Finding::RectalMass,
    Finding::AnalMass,
    Finding::AnalUlceration,
    Finding::AbdominalMass,
    Finding::Dysphagia,
    Finding::WeightLoss,
    Finding::Reflux,
    Finding::Dyspepsia,
    Finding::Jaundice,
    // Before rectal bleeding: "she was sick and there was fresh blood in it" is vomited blood.
    Finding::Haematemesis,
    Finding::RectalBleeding,
    Finding::ChangeInBowelHabit,
    Finding::AbdominalPain,
    Finding::Bloating,
    Finding::FattyLiver,
];

pub static FINDING_REGEXES: Lazy<Vec<(Finding, Regex)>> = Lazy::new(|| {
    TERM_FINDINGS
        .iter()
        .map(|f| (*f, compile_terms(&terms(*f))))
        .collect()
});

/// Black, tarry stools: high risk, though no rule of the spec uses it.
pub static MELAENA: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("melaena")));

/// The routing guard's screen: broad words that may name a red flag (`[screen]`).
pub static SCREEN: Lazy<Regex> = Lazy::new(|| compile_terms(&section("screen")));
/// Collocations of screen words that name no red flag (`[screen benign]`).
pub static SCREEN_BENIGN: Lazy<Regex> = Lazy::new(|| compile_terms(&section("screen benign")));
/// Unread screen words that name the suspected-cancer pathway (`[screen cancer pathway]`).
pub static SCREEN_CANCER_PATHWAY: Lazy<Regex> =
    Lazy::new(|| compile_terms(&section("screen cancer pathway")));

pub static PPI: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("ppi")));

/// A duration: number (digits or words) and unit, or the "6/52" notation.
/// Words before a course's length that put it short of that length.
pub static SHORT_OF: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?:nearly|almost|not\s+quite|just\s+under|just\s+short\s+of|under|less\s+than|not\s+yet)\s*$",
    )
});

pub static DURATION: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?P<n>\d{1,3}|a|an|(?:twenty|thirty|forty|fifty)(?:[\s\-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|several|few|a few)\s*[\-\s]?\s*(?P<u>days?|weeks?|wks?|months?|mths?|years?|yrs?)\b|(?:\b|\bx)(?P<n2>\d{1,2})\s*/\s*(?P<u2>52|12)\b",
    )
});

/// "since mid April", "since early January 2025", "since the end of March": the start of a
/// course, for its length against the letter date.
pub static SINCE_MONTH: Lazy<Regex> = Lazy::new(|| {
    build(&format!(
        r"\bsince\s+(?:(?P<q>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s\-]+)?(?P<m>{MONTH_NAME})\b(?:\s+(?P<y>(?:19|20)\d\d))?",
    ))
});

/// A month's name or its abbreviation, as a regex alternation.
pub const MONTH_NAME: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

pub static CIRRHOSIS: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("cirrhosis")));
pub static DECOMPENSATION: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("decompensation")));

pub static IBD: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("ibd")));
pub static IBD_STABLE: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("ibd_stable")));
pub static IBD_QUESTION: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?:advice|advise|guidance|your thoughts|your opinion|your view|would you recommend|wondering|question|(?:asks?|asked|asking|enquires?|enquiring|inquires?) (?:whether|if|how|when|what|which|about|for)|would like to know|wants to know|whether (?:he|she|they|we|it) (?:can|could|should|needs?|ought)|is it safe|quer(?:y|ies)|q\s*:)(?:\W|$)|\?",
    )
});
/// Words that refer to a known IBD or its treatment, in a sentence that says it is stable.
pub static IBD_REFERENCE: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?:(?:his|her|their|the) (?:disease|colitis|crohn'?s|ibd|uc)|crohn'?s|colitis|ibd|uc|adalimumab|infliximab|vedolizumab|ustekinumab|golimumab|tofacitinib|upadacitinib|azathioprine|mercaptopurine|6-mp|mesalazine|mesalamine|pentasa|octasa|asacol|methotrexate|biologics?|(?:quiescent|inactive) disease)\b",
    )
});
/// Applied to the text just before an IBD mention: a suspected, not a known, diagnosis.
pub static SUSPECTED: Lazy<Regex> = Lazy::new(|| {
    build(
        r"(?:\?\s*|\b(?:query|possible|suspected|likely|probable|exclude|excluding|rule out|r/o|vs\.?|versus)\s+|\b(?:ddx|differential(?: diagnosis)?|dd)\s*:?\s*(?:\S+\s+){0,3})$",
    )
});

pub static TTG: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("ttg")));
pub static POSITIVE_WORD: Lazy<Regex> = Lazy::new(|| {
    build(r"\b(?:raised|positive|elevated|high|strongly positive|weakly positive|pos)\b|\+ve\b")
});
pub static NEGATIVE_WORD: Lazy<Regex> = Lazy::new(|| {
    build(r"\b(?:negative|normal|neg|not raised|unremarkable|within normal limits|wnl)\b|-ve\b")
});

pub static CRC: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("crc")));

/// Relatives, for "bowel cancer ... her mother died of it".
pub static RELATIVE: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?:her|his|their)\s+(?:father|mother|dad|mum|sister|brother|son|daughter|aunt|uncle|grandfather|grandmother|cousin|parents?)\b",
    )
});

pub static IDA: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("ida")));
pub static ANAEMIA: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("anaemia")));
pub static IRON_DEFICIENT: Lazy<Regex> = Lazy::new(|| compile_terms(&terms_of("iron_deficient")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for f in TERM_FINDINGS {
            let pattern_src = terms(*f)
                .iter()
                .map(|t| match t.strip_prefix('~') {
                    Some(raw) => raw.to_string(),
                    None => fuzzy(t),
                })
                .collect::<Vec<_>>()
                .join("|");
            assert!(
                RegexBuilder::new(&pattern_src)
                    .size_limit(64 * (1 << 20))
                    .build()
                    .is_ok(),
                "{f}"
            );
        }
        assert_eq!(FINDING_REGEXES.len(), TERM_FINDINGS.len());
    }

    #[test]
    fn every_production_pattern_compiles() {
        // Forcing each lazily built pattern: `build` panics on a pattern that does not
        // compile, so a bad one fails here rather than leaving a regex that matches nothing.
        let statics: [&Regex; 22] = [
            &SCREEN,
            &SCREEN_BENIGN,
            &SCREEN_CANCER_PATHWAY,
            &PPI,
            &DURATION,
            &CIRRHOSIS,
            &DECOMPENSATION,
            &IBD,
            &IBD_STABLE,
            &IBD_QUESTION,
            &SUSPECTED,
            &TTG,
            &POSITIVE_WORD,
            &NEGATIVE_WORD,
            &CRC,
            &RELATIVE,
            &IDA,
            &ANAEMIA,
            &IRON_DEFICIENT,
            &MELAENA,
            &FINDING_REGEXES[0].1,
            &FINDING_REGEXES[FINDING_REGEXES.len() - 1].1,
        ];
        for re in statics {
            let _ = re.is_match("x");
        }
        // The other modules' patterns: a letter that reaches every reader.
        let letter = "Date: 01/02/2025\nDOB 01/01/1960\nPMH: GORD\nFH: bowel ca (father)\nDH: omeprazole 8 weeks\nDenies:\n- dysphagia\nO/E: jaundiced. Hb 98, ferritin 8, FIT 12, calprotectin 300, ALT 45. tTG raised. If she develops melaena. Rectal bleeding: [ ] Yes [X] No. 60M.";
        let r = super::super::RedFlagChecker::new().check(letter);
        assert!(r.facts.age.is_some());
        let bad = std::panic::catch_unwind(|| build("(unclosed"));
        assert!(
            bad.is_err(),
            "a pattern that does not compile is a loud error"
        );
    }

    #[test]
    fn the_lexicon_file_is_checked() {
        // Every finding read by terms has its section, and each section has terms.
        for f in TERM_FINDINGS {
            assert!(!terms(*f).is_empty(), "{f}");
        }
        assert!(MISSPELLINGS
            .iter()
            .any(|(w, m)| *w == "jaundice" && *m == "jaundise"));
        // Malformed files are refused with the line named.
        let err = |src: &str| Lexicon::parse(src).err().unwrap_or_default();
        assert!(
            err("dysphagia\n").contains("line 1"),
            "{}",
            err("dysphagia\n")
        );
        assert!(err("[a]\nx\n[a]\ny\n").contains("twice"));
        assert!(err("[a]\n# only a comment\n").contains("empty"));
        let ok = Lexicon::parse("# c\n[terms x]\n  one  \n\ntwo\n").expect("parses");
        assert_eq!(ok.section("terms x").expect("section"), ["one", "two"]);
        assert!(ok.section("terms y").is_err());
    }

    #[test]
    fn fuzzy_terms_survive_ocr_and_slips() {
        let re = compile_terms(&["rectal bleeding", "dysphagia", "haemoglobin"]);
        for text in [
            "Rectal Bleeding",
            "recta1 bleeding",
            "rectal blee ding",
            "rectal bleeeding",
            "dyspahgia",
            "DYSPHAGIA",
            "haem0globin",
            "haernoglobin",
            "rectal\nbleeding",
        ] {
            assert!(re.is_match(text), "{text}");
        }
        assert!(!re.is_match("rectalbleedingx"));
    }
}
