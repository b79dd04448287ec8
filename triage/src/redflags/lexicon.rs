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

/// Long words whose one-letter slips are tolerated.
const SLIP_TOLERANT: &[&str] = &[
    "dysphagia",
    "haematemesis",
    "hematemesis",
    "bleeding",
    "swallowing",
    "diarrhoea",
    "jaundice",
    "jaundiced",
    "calprotectin",
    "ferritin",
    "haemoglobin",
    "abdominal",
    "transglutaminase",
    "steatosis",
    "colorectal",
];

/// Common misspellings that are not single drops, doubles or swaps.
const MISSPELLINGS: &[(&str, &str)] = &[
    ("abdominal", "abdominial"),
    ("jaundice", "jaundise"),
    ("haematemesis", "haematemisis"),
    ("diarrhoea", "diarhea"),
];

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

/// The terms of each finding the checker reads from free text. Findings read by dedicated
/// logic (known IBD, cirrhosis, tTG, PPI duration, family history) have their own lists below.
pub fn terms(f: Finding) -> &'static [&'static str] {
    match f {
        Finding::Dysphagia => &[
            "dysphagia",
            "dysphagic",
            "difficulty swallowing",
            "difficulty with swallowing",
            "swallowing difficulty",
            "food sticking",
            "food gets stuck",
            "sticking sensation",
            "solids sticking",
            "food stuck",
            "difficulty in swallowing",
            "difficulties swallowing",
            "trouble swallowing",
            "problems swallowing",
            "swallowing difficulty",
            "swallowing difficulties",
            "swallowing problems",
            "food sticking",
            "food getting stuck",
            "food gets stuck",
            "food sticks",
            "food bolus",
            "struggling to swallow",
            "struggles to swallow",
            "unable to swallow",
            "can't swallow",
            "cannot swallow",
            "difficulty getting food down",
            "food won't go down",
            r"~(?:food|solids|bread|meat)\s+(?:(?:has|have|is|are)\s+)?(?:been\s+)?['\x22‘’“”]?(?:catching|sticking|getting\s+stuck|gets?\s+stuck|lodging)",
            r"~(?:catching|sticking|stuck|lodging)\s+in\s+(?:her|his|the|my)\s+(?:throat|chest|gullet|oesophagus)",
        ],
        Finding::RectalMass => &[
            "rectal mass",
            "rectal masses",
            "rectal tumour",
            "rectal lesion",
            r"~\b(?:pr|dre|rectal exam(?:ination)?|digital rectal exam(?:ination)?)\b\s*(?:exam(?:ination)?)?\s*[:\-]?\s*(?:(?:no|a|an|the|hard|firm|craggy|irregular|palpable|large|small|fixed|obvious|definite|friable|low|anterior|posterior|circumferential|rectal)[\s,]+){0,4}(?:mass(?:es)?|lesion|tumour|tumor|growth)",
            r"~mass(?:es)?\s+(?:(?:felt|palpable|palpated|found|noted|seen)\s+)?(?:on|at)\s+(?:pr|dre|rectal exam(?:ination)?|digital rectal exam(?:ination)?|pr exam(?:ination)?)",
        ],
        Finding::AnalMass => &[
            "anal mass",
            "perianal mass",
            "anal tumour",
            "anal canal mass",
            "mass at the anal verge",
            "mass at the anal margin",
            "mass in the anal canal",
            r"~(?:lump|growth|lesion)\s+(?:felt\s+|seen\s+)?(?:at|on|in)\s+(?:the\s+)?(?:anal\s+(?:verge|margin|canal)|anus)",
        ],
        Finding::AnalUlceration => &[
            "anal ulcer",
            "anal ulceration",
            "anal ulcers",
            "perianal ulcer",
            "perianal ulceration",
            "ulcer at the anal margin",
            "ulcer at the anal verge",
            "ulceration at the anal margin",
            "ulcer in the anal canal",
            r"~ulcer(?:s|ated|ating|ation)?\s+(?:[a-z]+\s+){0,2}(?:at|on|of|near|in)\s+(?:the\s+)?(?:anal\s+(?:verge|margin|canal)|anus)",
        ],
        Finding::AbdominalMass => &[
            "abdominal mass",
            "abdominal masses",
            "abdo mass",
            "palpable mass",
            "mass palpable",
            "abdo mass",
            "abd mass",
            "mass in the abdomen",
            "rif mass",
            "lif mass",
            "ruq mass",
            "luq mass",
            "epigastric mass",
            "iliac fossa mass",
            "pelvic mass",
            "abdominal lump",
            r"~(?:mass(?:es)?|lump)\s+(?:(?:palpable|palpated|felt)\s+)?in\s+(?:the\s+)?(?:right\s+|left\s+)?(?:iliac\s+fossa|upper\s+quadrant|lower\s+quadrant|flank|epigastrium|abdomen|rif|lif|ruq|luq)",
        ],
        Finding::WeightLoss => &[
            "weight loss",
            "wt loss",
            "wt. loss",
            "weightloss",
            r"~(?-i:\bLOW\b)",
            r"~\b(?:weight|wt)\s*(?:↓|down)",
            "losing wt",
            "lost wt",
            "loss of weight",
            "lost weight",
            "losing weight",
            "weight has dropped",
            "weight dropped",
            "weight down",
            "wieght loss",
            r"~\b(?:lost|dropped|down|shed)\s+(?:about\s+|around\s+|approx(?:imately)?\.?\s+|over\s+|nearly\s+|almost\s+)?(?:\d+(?:\.\d+)?|a|one|two|three|half\s+a)\s*(?:kg|kgs|kilos?|st|stone|lbs?|pounds)\b",
            r"~\blos(?:e|es|ing)\s+(?:some\s+|any\s+)?weight",
            r"~\bstart(?:s|ed)?\s+to\s+lose\s+weight",
        ],
        Finding::UpperAbdominalPain => &[
            "upper abdominal pain",
            "upper abdo pain",
            "upper abd pain",
            "upper abdominal discomfort",
            "epigastric pain",
            "epigastric discomfort",
            "epigastric burning",
            "ruq pain",
            "luq pain",
            "right upper quadrant pain",
            "left upper quadrant pain",
        ],
        Finding::Reflux => &[
            "reflux",
            "gord",
            "gerd",
            "heartburn",
            "heart burn",
            "acid brash",
        ],
        Finding::Dyspepsia => &["dyspepsia", "dyspeptic", "indigestion"],
        Finding::Jaundice => &[
            "jaundice",
            "jaundiced",
            "jaundise",
            "icterus",
            "icteric",
            "yellow sclerae",
            "scleral icterus",
            r"~yellow(?:ing|ed)?\s+(?:of\s+)?(?:the\s+|his\s+|her\s+)?(?:skin|eyes|sclerae?)",
            r"~(?:skin|eyes|sclerae?)\s+(?:have\s+|has\s+|are\s+|is\s+|were\s+|was\s+)?(?:turned\s+|become\s+|gone\s+|look(?:s|ing|ed)?\s+)?(?:(?:a\s+)?(?:bit|little|slightly|quite|very|rather)\s+)?yellow",
            r"~becomes?\s+jaundiced",
            r"~\b(?:looks?|looking|gone|turned|turning)\s+(?:rather\s+|quite\s+|very\s+|a\s+bit\s+)?yellow",
        ],
        Finding::RectalBleeding => &[
            "rectal bleeding",
            "rectal bleed",
            "pr bleeding",
            "pr bleed",
            "bleeding pr",
            "bleeding per rectum",
            "blood per rectum",
            "blood pr",
            "bright red blood",
            "fresh red blood",
            "dark red blood",
            "fresh blood",
            "brpr",
            "br pr",
            "brbpr",
            "prb",
            "pr blood",
            "pr bleeding",
            "blood from the back passage",
            "bleeding from the back passage",
            "bleeding from back passage",
            "blood from back passage",
            "rectal blood",
            "rectal blood loss",
            "haematochezia",
            "hematochezia",
            r"~blood\s+(?:(?:mixed|mixed\s+in)\s+)?(?:with|in|on)\s+(?:the\s+|his\s+|her\s+)?(?:stools?|motions?|faeces|toilet\s+paper|paper|pan)",
            r"~blood\s+on\s+wiping",
            r"~(?:bleeding|bleed|blood)\s+(?:when\s+|on\s+|after\s+)wiping",
            r"~\bpr\s+(?:bld|bldg|bl)\b",
            r"~\bbld\s+pr\b",
            r"~blood\s+on\s+(?:the\s+)?(?:tissue|loo\s+(?:roll|paper))",
        ],
        Finding::ChangeInBowelHabit => &[
            "change in bowel habit",
            "change in bowel habits",
            "changes in bowel habit",
            "change of bowel habit",
            "change in her bowel habit",
            "change in his bowel habit",
            "cibh",
            "c.i.b.h.",
            "change in bh",
            "changed bh",
            "altered bh",
            "abh",
            "altered bowel habit",
            "altered bowels",
            "bowel habit change",
            "changed bowel habit",
            "loose stools",
            "looser stools",
            "more frequent stools",
            "increased stool frequency",
            "bowels have become looser",
            "new constipation",
            "new-onset constipation",
            "new onset constipation",
            "diarrhoea",
            r"~\bbowels?\s+(?:habit\s+)?(?:have\s+|has\s+)?(?:changed|become\s+(?:looser|loose|more\s+frequent))",
            r"~increased\s+frequency\s+of\s+(?:stools?|defa?ecation|bowel\s+(?:motions|movements))",
            r"~looser,?\s+(?:and\s+)?more\s+frequent\s+stools",
        ],
        Finding::AbdominalPain => &[
            "abdominal pain",
            "abdo pain",
            "abd. pain",
            "abdo discomfort",
            "lower abdominal pain",
            "lower abdo pain",
            "abd pain",
            "abdominal discomfort",
            "abdominal cramps",
            "abdominal cramping",
            "tummy pain",
            "stomach pain",
            "stomach ache",
            "tummy ache",
            "belly pain",
            "iliac fossa pain",
            "lif pain",
            "rif pain",
            r"~(?:left|right)\s+iliac\s+fossa\s+(?:pain|discomfort)",
            r"~pain\s+in\s+the\s+(?:lower\s+)?abdomen",
        ],
        Finding::Bloating => &["bloating", "bloated", "bloat"],
        Finding::BloodyDiarrhoea => &[
            "bloody diarrhoea",
            "bloody loose stools",
            "bloody loose stool",
            "blood-stained diarrhoea",
            "blood stained diarrhoea",
            "diarrhoea with blood",
            "diarrhoea mixed with blood",
            r"~loose\s+stools?\s+(?:mixed\s+)?with\s+blood",
            r"~blood\s+(?:in|with)\s+(?:the\s+|his\s+|her\s+)?(?:stools?|motions?)\s+(?:and|with)\s+diarrho?e?a",
            r"~diarrho?e?a\s+(?:with|and)\s+(?:fresh\s+|some\s+)?blood",
            r"~\d+\s*(?:x\s*)?bloody\s+(?:stools|motions|bowel\s+movements)\s+(?:a|per|each)\s+day",
            r"~(?:frequent|loose|watery|urgent)\s*,?\s*(?:and\s+)?bloody\s+(?:stools?|motions)",
            r"~diarrho?e?a\b[^.;\n]{0,30}?\b(?:bloody|blood[\s\-]stained|with\s+blood)\b",
            r"~bloody\s+(?:and\s+)?(?:loose|watery)\b",
        ],
        Finding::Haematemesis => &[
            "haematemesis",
            "hematemesis",
            "haematemisis",
            "vomiting of blood",
            "blood in the vomit",
            "blood in her vomit",
            "blood in his vomit",
            "bloody vomit",
            "coffee ground vomit",
            "coffee ground vomiting",
            "coffee-ground vomit",
            "coffee-ground vomiting",
            "coffee ground emesis",
            "coffee grounds",
            "coffee-ground vomitus",
            "blood-stained vomit",
            "blood stained vomit",
            "bloodstained vomit",
            r"~vomit(?:us)?\s+(?:was\s+|is\s+)?(?:blood[\s\-]?stained|bloody)",
            "coffee ground vomitus",
            "cgv",
            "vomited blood",
            "vomiting blood",
            r"~vomit(?:ed|ing|s)?\s+(?:up\s+)?(?:fresh\s+|bright\s+red\s+|some\s+|a\s+small\s+amount\s+of\s+)?blood",
        ],
        Finding::FattyLiver => &[
            "fatty liver",
            "hepatic steatosis",
            "steatosis",
            "steatotic liver",
            "nafld",
            "masld",
            "mafld",
            "fatty infiltration",
            "non-alcoholic fatty liver",
        ],
        // Read by dedicated logic.
        Finding::PpiFourWeeks
        | Finding::DecompensatedCirrhosis
        | Finding::StableIbdQuestion
        | Finding::RaisedTtg
        | Finding::FamilyHistoryCrc => &[],
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
    Finding::RectalBleeding,
    Finding::ChangeInBowelHabit,
    Finding::AbdominalPain,
    Finding::Bloating,
    Finding::Haematemesis,
    Finding::FattyLiver,
];

pub static FINDING_REGEXES: Lazy<Vec<(Finding, Regex)>> = Lazy::new(|| {
    TERM_FINDINGS
        .iter()
        .map(|f| (*f, compile_terms(terms(*f))))
        .collect()
});

/// Black, tarry stools: high risk, though no rule of the spec uses it.
pub static MELAENA: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "melaena",
        "melena",
        "malaena",
        "black tarry stools",
        "black tarry stool",
        "tarry stools",
        "black stools",
        "black stool",
        "black motions",
    ])
});

pub static PPI: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "ppi",
        "ppis",
        "proton pump inhibitor",
        "proton pump inhibitors",
        "omeprazole",
        "lansoprazole",
        "esomeprazole",
        "pantoprazole",
        "rabeprazole",
        "nexium",
        "losec",
        "zoton",
    ])
});

/// A duration: number (digits or words) and unit, or the "6/52" notation.
pub static DURATION: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few|a few)\s*[\-\s]?\s*(?P<u>days?|weeks?|wks?|months?|mths?|years?|yrs?)\b|\b(?P<n2>\d{1,2})\s*/\s*(?P<u2>52|12)\b",
    )
});

pub static CIRRHOSIS: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "cirrhosis",
        "cirrhotic",
        "chronic liver disease",
        "child-pugh",
        "child pugh",
        "arld cirrhosis",
        "ald cirrhosis",
    ])
});
pub static DECOMPENSATION: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "ascites",
        "ascitic",
        "confusion",
        "confused",
        "encephalopathy",
        "encephalopathic",
        "decompensated",
        "decompensation",
        "shifting dullness",
        "paracentesis",
        "hepatic encephalopathy",
    ])
});

pub static IBD: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "ulcerative colitis",
        "uc",
        "crohn's",
        "crohns",
        "crohn's disease",
        "ibd",
        "inflammatory bowel disease",
        "ulcerative proctitis",
    ])
});
pub static IBD_STABLE: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "stable",
        "in remission",
        "remission",
        "quiescent",
        "well controlled",
        "well-controlled",
        "settled",
        "inactive",
    ])
});
pub static IBD_QUESTION: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?:advice|advise|guidance|your thoughts|your opinion|your view|would you recommend|wondering|question)\b|\?",
    )
});
/// Applied to the text just before an IBD mention: a suspected, not a known, diagnosis.
pub static SUSPECTED: Lazy<Regex> = Lazy::new(|| {
    build(
        r"(?:\?\s*|\b(?:query|possible|suspected|likely|probable|exclude|excluding|rule out|r/o)\s+)$",
    )
});

pub static TTG: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "ttg",
        "ttg iga",
        "tissue transglutaminase",
        "anti-ttg",
        "coeliac serology",
        "coeliac screen",
        "coeliac antibodies",
        "coeliac bloods",
        "celiac serology",
        "endomysial antibodies",
        "ema",
    ])
});
pub static POSITIVE_WORD: Lazy<Regex> = Lazy::new(|| {
    build(r"\b(?:raised|positive|elevated|high|strongly positive|weakly positive|pos)\b|\+ve\b")
});
pub static NEGATIVE_WORD: Lazy<Regex> = Lazy::new(|| {
    build(r"\b(?:negative|normal|neg|not raised|unremarkable|within normal limits|wnl)\b|-ve\b")
});

pub static CRC: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "bowel cancer",
        "colorectal cancer",
        "colon cancer",
        "rectal cancer",
        "bowel ca",
        "colorectal ca",
        "colon ca",
        "crc",
        "colorectal carcinoma",
        "colonic cancer",
        "bowel tumour",
        "cancer of the bowel",
        "cancer of the colon",
        "lynch syndrome",
    ])
});

/// Relatives, for "bowel cancer ... her mother died of it".
pub static RELATIVE: Lazy<Regex> = Lazy::new(|| {
    build(
        r"\b(?:her|his|their)\s+(?:father|mother|dad|mum|sister|brother|son|daughter|aunt|uncle|grandfather|grandmother|cousin|parents?)\b",
    )
});

pub static IDA: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "ida",
        "iron deficiency anaemia",
        "iron deficiency anemia",
        "iron deficient anaemia",
        "iron-deficiency anaemia",
        "iron deficiency anaemic",
        "fe deficiency anaemia",
    ])
});
pub static ANAEMIA: Lazy<Regex> =
    Lazy::new(|| compile_terms(&["anaemia", "anaemic", "anemia", "anemic"]));
pub static IRON_DEFICIENT: Lazy<Regex> = Lazy::new(|| {
    compile_terms(&[
        "iron deficiency",
        "iron deficient",
        "iron-deficient",
        "low ferritin",
        "fe deficiency",
        "fe deficient",
        "low iron stores",
    ])
});

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
        let statics: [&Regex; 19] = [
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
