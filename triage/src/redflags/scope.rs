//! Whether a mention is asserted about the patient now, or negated, a relative's, a resolved
//! past episode, or hypothetical (a NegEx-style reading with forward and backward triggers,
//! terminators and pseudo-triggers).

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::lexicon::build;

/// How a mention stands. A mention is asserted when none of the flags is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    pub negated: bool,
    /// The only negation reaching the mention is carried across a semicolon ("No dysphagia;
    /// PR bleeding"): a list of denied findings or a new statement, the words cannot say which.
    pub negation_carried: bool,
    pub family: bool,
    pub past: bool,
    /// A past cue before the mention reached it ("Previous:", "PMH", "in 2019 she had").
    pub past_before: bool,
    /// The words between the mention and the nearest past cue after it that reached it ("...
    /// in 2019", "..., resolved"), leaving out statements that an episode has not come back
    /// ("..., none since", "swallowing normal since"): those speak of a symptom's course.
    pub past_after_words: Option<usize>,
    pub hypothetical: bool,
}

impl Scope {
    pub fn asserted(&self) -> bool {
        !(self.negated || self.family || self.past || self.hypothetical)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Negation,
    Family,
    Past,
    Hypothetical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Forward, to the end of the sentence or a terminator, within `max_words`.
    Forward,
    /// Backward within the clause (no comma, semicolon, "and" or "but" in between).
    BackClause,
    /// Backward within the sentence.
    BackSentence,
    /// Both forward and backward within the clause.
    Clause,
}

#[derive(Debug, Clone)]
struct Trigger {
    kind: Kind,
    reach: Reach,
    start: usize,
    end: usize,
}

struct TriggerDef {
    kind: Kind,
    reach: Reach,
    re: Regex,
}

/// Builds a trigger regex in which a space stands for any run of white space (line breaks
/// included: scanned letters wrap anywhere).
fn spaced(pattern: &str) -> Regex {
    build(&pattern.replace(' ', r"\s+"))
}

static DEFS: Lazy<Vec<TriggerDef>> = Lazy::new(|| {
    let d = |kind, reach, pattern: &str| TriggerDef {
        kind,
        reach,
        re: spaced(pattern),
    };
    vec![
        d(
            Kind::Negation,
            Reach::Forward,
            r"\b(?:no|not|nil|without|denies|denied|denying|deny|never|nor|none|negative for|absence of|free of|free from|neither)\s+[a-z]|\b(?:nil|none|no)\s*\(|\[\s\]|☐|[Ø∅]|(?m:^)[\t ]*(?:no|nil|denies|negative for)[\t ]*[:\-–][\t ]*[a-z]",
        ),
        // A denial made with a verb of perception: "has not noticed any blood", "never seen
        // any yellowing" (the verb would otherwise end the scope as a new report).
        d(
            Kind::Negation,
            Reach::Forward,
            r"\b(?:not|never|(?:has|have|had|did|does|do)n[’']?t)\s+(?:yet\s+)?(?:noticed|seen|had|have|experienced|observed|suffered|reported|mentioned|described|complained\s+of)(?:\s+any)?\s+[a-z]",
        ),
        // "He is not anaemic, nor does he have an abdominal mass": "nor" with its auxiliary
        // and subject (the subject would otherwise end the scope as a new statement).
        d(
            Kind::Negation,
            Reach::Forward,
            r"\bnor\s+(?:does|did|do|has|had|have|is|was|are|were|could|can|would)\s+(?:he|she|they|the\s+patient|it|there)\s+(?:(?:have|has|had|show|report|describe|complain\s+of|appear\s+to\s+have|seem\s+to\s+have|be)\s+)?(?:(?:any|a|an)\s+)?[a-z]",
        ),
        // "Not that she has noticed any jaundice": a denial told as a doubt.
        d(
            Kind::Negation,
            Reach::Forward,
            r"\bnot\s+that\s+(?:he|she|they|the\s+patient|i|we)\s+(?:has|have|had|is|was|am|are|were|could|can)\s+(?:noticed|seen|had|felt|found|been\s+aware\s+of|aware\s+of)(?:\s+any)?\s+[a-z]",
        ),
        d(
            Kind::Negation,
            Reach::BackClause,
            r"\b(?:(?:specifically\s+|directly\s+)?(?:asked|enquired|checked|screened)\s+(?:about|for)\s+and\s+(?:denied|negative|absent)|denied|absent|not present|not reported|not noted|not found|excluded|ruled out|not borne out|not substantiated|unsubstantiated)\b|[Ø∅][\t ]*(?:[,;.\n]|$)",
        ),
        // A question answered no: "Blood in the stool? Not that she has noticed", "Any
        // weight loss? No.", "Jaundice? Denies.", "Q1 Do you have difficulty swallowing?
        // Answer: no", a quoted question answered after it (`"Any bleeding from the back
        // passage?" - No`).
        d(
            Kind::Negation,
            Reach::BackClause,
            r#"\?["”'’]?[\t ]*(?:[\-–:][\t ]*)?(?:(?:answer|ans|response|reply|a)[\t ]*[:=\-–][\t ]*)?(?:no\s*[.,;\n]|no\s*$|not that\b|not really\b|none\b|nil\b|never\b|denies\b|denied\b|negative\b)"#,
        ),
        // A loss of weight someone believes in, contradicted by the scales: "her husband is
        // convinced she has lost weight, but she weighs 84.8 kg today, the same as in June" (on
        // one line or wrapped onto the next).
        d(
            Kind::Negation,
            Reach::BackSentence,
            r"\bbut (?:(?:he|she|they) (?:still )?weighs?|(?:(?:his|her|their|the) )?weight (?:[a-z]+ ){0,2}?(?:is|was|has been|remains)|(?:the )?scales? (?:shows?|says?))\b(?:[^.\n]|\.\d|\n){0,60}?\b(?:the same as|unchanged from|no different (?:from|to|than)|identical to|no lower than|just as)\b",
        ),
        d(
            Kind::Negation,
            Reach::BackSentence,
            r"\b(?:all|each|any of these|none of these)\s+(?:absent|denied|negative|nil|not present)\b|\bnone\s+(?:of\s+(?:these|them|those|which)\s+)?(?:is|are|was|were)\s+(?:present|reported|positive|found|elicited)\b",
        ),
        // A report the writer refutes: "The 111 note says vomiting blood, but on questioning
        // this was red-coloured vomit after beetroot".
        d(
            Kind::Negation,
            Reach::BackSentence,
            r"(?:\bbut|\s[-–]|;)\s+on\s+(?:further\s+|closer\s+|direct\s+)?(?:questioning|enquiry|review|examination|inspection)\s*,?\s+(?:this|it|that|these|they)\s+(?:was|were|is|are|turned\s+out|proved)\b",
        ),
        d(
            Kind::Family,
            Reach::Forward,
            // A relative named, then their own illness in a clause: "her partner, who has
            // Crohn's disease, says ..." (first: the next alternative would stop at "says").
            r"\b(?:father|mother|dad|mum|sisters?|brothers?|sons?|daughters?|husband|wife|partner|spouse)\s*,\s*who\s+(?:has|had|also\s+has|suffers|suffered|developed|was\s+diagnosed)\b|\b(?:fhx|fh|family history|family hx|fam hx|famhx)\b|\b(?:father|mother|dad|mum|mom|sisters?|brothers?|siblings?|sons?|daughters?|aunts?|uncles?|grandfather|grandmother|grandparents?|grandsons?|granddaughters?|grandchild(?:ren)?|cousins?|parents?|nieces?|nephews?|relatives?|husband|wife|partner|spouse|flatmates?|housemates?|room-?mates?|colleagues?|friends?|neighbours?|classmates?)\b(?:\s*,[^,.\n]{0,60},)?(?:\s+\w+){0,2}?\s*(?:\([^)\n]{0,30}\)\s*)?(?:\b(?:had|has|have|with|was|were|died|diagnosed|developed|suffered|suffers|vomited|vomits|bled|bleeds|lost|loses|became|becomes|turned|underwent|needed|needs)\b|[-–:]|\bis\b)",
        ),
        // A relative's own illness told by the possessive: "his father's vomiting of blood was
        // from an ulcer", "her husband's jaundice" (not "her husband's worry that she ...").
        d(
            Kind::Family,
            Reach::Forward,
            r"\b(?:father|mother|dad|mum|mom|sisters?|brothers?|sons?|daughters?|aunts?|uncles?|grandfather|grandmother|cousins?|husband|wife|partner|spouse)['’]s\b",
        ),
        // A relative's own care told after a clause: "His wife, who came with him, is
        // currently under your team for dysphagia", "her son is being investigated for ...".
        d(
            Kind::Family,
            Reach::Forward,
            r"\b(?:father|mother|dad|mum|mom|sister|brother|son|daughter|aunt|uncle|cousin|parents?|husband|wife|partner|spouse)\b(?:\s*,[^,.\n]{0,60},)?\s+(?:is|was|has been|are|were)\s+(?:currently\s+|already\s+|also\s+|now\s+|himself\s+|herself\s+)?(?:under|seen|followed|treated|known|on|awaiting|being\s+(?:seen|investigated|treated|followed|assessed))\b[^.\n]{0,40}?\b(?:for|with)\b",
        ),
        // A relative named after the finding or result in its clause: "bowel cancer in his
        // father", "(mother)", someone else's in brackets ("fears swallowing problems
        // (neighbour)"), "the Hb of 94 on the first form belongs to his wife", "the
        // ferritin of 8 was her sister's".
        d(
            Kind::Family,
            Reach::BackClause,
            r"\b(?:in|of)\s+(?:her|his|their|the)\s+(?:father|mother|dad|mum|sister|brother|son|daughter|aunt|uncle|grandfather|grandmother|cousin|parents?)\b|\(\s*(?:father|mother|dad|mum|sister|brother|son|daughter|aunt|uncle|grandfather|grandmother|cousin|maternal|paternal)\b|\(\s*(?:(?:a|her|his|their)\s+)?(?:neighbou?rs?|friends?|(?:work\s+)?colleagues?|flatmates?|housemates?|classmates?)\s*\)|\b(?:belongs?|belonged|belonging)\s+to\s+(?:her|his|their|the\s+patient['’]s)\s+(?:father|mother|dad|mum|sister|brother|son|daughter|aunt|uncle|grandfather|grandmother|cousin|husband|wife|partner|spouse|twin|parents?)\b|\b(?:is|was|are|were)\s+(?:actually\s+|in\s+fact\s+|really\s+)?(?:her|his|their)\s+(?:father|mother|dad|mum|sister|brother|son|daughter|aunt|uncle|grandfather|grandmother|cousin|husband|wife|partner|spouse|twin)['’]s\b",
        ),
        d(
            Kind::Past,
            Reach::Forward,
            r"\b(?:previously|previous|prior|historical|historic|past history of|past history|past medical history|past gi history|pmh|in the past|used to (?:have|get|suffer)|as a child|in childhood)\b|(?m:^)[\t ]*past[\t ]*[:\-–]",
        ),
        d(
            Kind::Past,
            Reach::Clause,
            r"\b(?:in|during)\s+(?:(?:early|late|mid)\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+)?(?:19|20)\d\d\b|\b\d{1,2}\s+years\s+ago\b|\b(?:many|several|some)\s+years\s+ago\b|\b(?:during|in)\s+(?:her\s+|a\s+|(?:her\s+)?(?:first|second|last)\s+)?pregnanc(?:y|ies)\b|\bas (?:an? )?(?:neonate|newborn|new-born|baby|infant|toddler|child|teenager|teen|adolescent|student|young\s+(?:man|woman|adult))\b|\bin (?:(?:his|her|their|early)\s+)?(?:teens|youth|childhood)\b|\b(?:neonatal|in infancy)\b",
        ),
        d(
            Kind::Past,
            Reach::BackClause,
            r"\b(?:resolved|settled|recovered|healed)\b",
        ),
        // What a past test was done for: "OGD June 2022 (for dyspepsia at the time)".
        d(
            Kind::Past,
            Reach::BackClause,
            r"\bat\s+the\s+time\s*(?:\)|[,;.]|$)",
        ),
        // A result of the time a disease was found: "calprotectin 640 at diagnosis".
        d(
            Kind::Past,
            Reach::BackClause,
            r"\bat\s*(?:the\s+time\s+of\s+)?(?:(?:her|his|their)\s+)?diag(?:nosis)?\b|\bwhen\s+(?:first\s+)?diagnosed\b",
        ),
        // A full date of its own, two years or more before the letter's: "calprotectin 1150
        // (12/08/2011)", "Hb 98 on 03.02.2019".
        d(
            Kind::Past,
            Reach::Clause,
            r"\(\s*\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d\d\s*\)|\bon\s+\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d\d\b",
        ),
        // A problem list's entry: "Anal ulcer 2016 - herpes simplex, treated, healed".
        d(
            Kind::Past,
            Reach::BackSentence,
            r"\b(?:treated|rx['’]?d|excised|banded|repaired|operated\s+on|managed)\s*(?:,|and|&|-|–)?\s*(?:now\s+)?(?:healed|resolved|cured|settled)\b",
        ),
        d(
            Kind::Past,
            Reach::BackClause,
            r"\b(?:but|and)\s+(?:it|this|that|they|these|the\s+symptoms?)\s+(?:has\s+|have\s+|had\s+)?(?:settled|resolved|went\s+away|cleared(?:\s+up)?|subsided)\b",
        ),
        // The same told in a relative clause in the perfect: "a few days of loose stools after
        // antibiotics, which had settled completely by the next visit" (not "which stopped",
        // a bleed that stopped is still the complaint).
        d(
            Kind::Past,
            Reach::BackClause,
            r",\s*which\s+(?:had|has|have)\s+(?:since\s+|then\s+|all\s+)?(?:completely\s+|fully\s+)?(?:settled|resolved|cleared(?:\s+up)?)\b",
        ),
        d(
            Kind::Past,
            Reach::BackSentence,
            r"\b(?:none since|nil since|not since|nothing since|no recurrence|no recurrences|nothing (?:has )?recurred|no further (?:episodes?|bleeding|symptoms|problems|issues)|no episodes since|not recurred|has not recurred|hasn't recurred|(?:bleeding|symptoms?|it) (?:has not|hasn't) returned|no symptoms since|no problems since|no (?:further |more )?(?:rectal |pr |visible )?(?:bleeding|bleeds?|blood|jaundice|yellowing|dysphagia|swallowing (?:problems?|difficult(?:y|ies))|vomiting|haematemesis|hematemesis|melaena|melena|episodes?) (?:ever )?since|asymptomatic since|(?:normal|fine|well|no trouble) (?:ever )?since|(?:now |since )?(?:back to|returned to) (?:(?:his|her|their) )?(?:normal|usual)|since regained|weight (?:since |now |has been )?regained|regained (?:the |her |his |all (?:the |her |his )?)?weight|(?:has|have) since (?:regained|settled|recovered|normalised|normalized)|regained since|fully resolved|all resolved|since resolved|long since resolved|fully recovered|(?:made a |with a |with )?(?:full|complete) recovery|recovered (?:fully|completely))\b|\b(?:had|has|have)\s+(?:now\s+|since\s+|completely\s+|all\s+)?(?:gone|cleared|disappeared|faded)(?:\s+(?:away|up|completely))?\s*(?:[.,;\n]|$|\b(?:and|by|within|after|since)\b)|[,;\-–]\s*(?:(?:the\s+|her\s+|his\s+|all\s+)?symptoms?\s+|it\s+|this\s+)?(?:ha(?:ve|s)\s+)?(?:now |since |and )?(?:fully |completely )?(?:resolved|recovered)(?:\s+(?:completely|fully|entirely))?\s*(?:\.|\n|$)",
        ),
        d(
            Kind::Hypothetical,
            Reach::Forward,
            r"\b(?:if|unless|in case of|in the event of|should (?:she|he|they|the patient) (?:develop|notice|experience|have|get|become|start|begin|lose|feel|find|pass|see|vomit|bring up|suffer)|safety[\s\-]?net(?:ted|ting)?|sn (?:given|advice|re)|watch(?:ing)? (?:out )?for|look(?:ing)? out for|warned (?:about|of)|red flags? (?:discussed|explained|advice)|aware (?:to|of)|advised to (?:return|re-?present|seek|come back|report)|(?:advised|advice(?: given)?|counselled|warned) (?:re|regarding|about|on)|(?:asked|told|instructed|reminded|encouraged) (?:him|her|them|the patient|patient) to (?:report|return|re-?present|seek|come back|let (?:us|me) know|tell (?:us|me)|contact (?:us|me)|look out|watch)|report any|(?:strict |er |ed |a&e )?return precautions|(?:er|ed|a&e) precautions)\b",
        ),
        // What the patient read or heard about is a topic, not a finding: "worried about her
        // liver after reading about fatty liver", "has read online about coeliac disease".
        d(
            Kind::Hypothetical,
            Reach::Forward,
            r"\b(?:reading|read|hearing|heard)\s+(?:(?:a|an|some|something|an?\s+article|articles|a\s+leaflet|a\s+(?:tv\s+)?programme|a\s+story)\s+)?(?:online\s+|on\s+(?:the\s+)?(?:internet|tv|television|radio|news|line)\s+)?(?:about|regarding)\b",
        ),
        // A question about what the problem is names a diagnosis to consider, not a finding:
        // "could this be bile acid diarrhoea", "I wondered whether it might be a stricture".
        d(Kind::Hypothetical, Reach::Forward, DIAGNOSTIC_QUESTION),
        // The inverted conditional: "Should dysphagia develop I would re-refer", "- should
        // any bleeding recur, ..." (kept only where a verb of onset follows in the clause).
        d(Kind::Hypothetical, Reach::Forward, r"\bshould\b"),
        // The same with "were": "I would re-refer urgently were dysphagia to appear", "Were
        // she to lose weight ..." (kept only where "to" and a verb of onset follow).
        d(Kind::Hypothetical, Reach::Forward, r"\bwere\b"),
        // A finding feared for the future, not had: "worried that she might start having
        // trouble swallowing, as her neighbour did", "afraid he may go on to develop jaundice".
        d(
            Kind::Hypothetical,
            Reach::Forward,
            r"\b(?:might|may|could|would|will)\s+(?:(?:one\s+day|eventually|later|soon)\s+)?(?:start|begin|go\s+on)\s+(?:having|getting|to\s+(?:have|get|develop|notice))\b|\b(?:might|may|could)\s+(?:(?:one\s+day|eventually|later)\s+)?develop\b",
        ),
        // A course not yet finished: "He will have completed four weeks of omeprazole on
        // Monday".
        d(
            Kind::Hypothetical,
            Reach::Forward,
            r"\bwill\s+(?:only\s+)?(?:have\s+)?(?:completed|finished|reached|had|taken|been\s+on)\b",
        ),
    ]
});

/// The words after "resolved" that make it a problem list's heading ("Resolved problems",
/// "resolved issues:").
static LIST_HEADING_AFTER: Lazy<Regex> =
    Lazy::new(|| build(r"^\s+(?:problems?|issues?|conditions?|diagnos[ie]s|episodes\s*:|list\b)"));

/// Terminators: words that end a forward scope before the mention.
static NEG_TERM: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\b(?:alt|hb|haemoglobin|hemoglobin|ferritin|fit|qfit|calprotectin|fcp|crp|mcv|bilirubin|tsh|wcc|platelets|plt|egfr|albumin|ttg)\s*[:=]?\s*[<>≤≥]?\s*\d|\b(?:but|however|although|though|whereas|apart from|aside from|except|other than|now|currently|presents|presenting|presented|reports|reported|complains|complaining|describes|describing|noticed|has|with|she|he|they|which|who|yes|positive|since)\b|\b(?:his|her|their)\s+(?:mother|mum|father|dad|parents?|brother|sister|siblings?|son|daughter|uncle|aunt|grandmother|grandfather|grandparents?|cousin|wife|husband|partner)\b|\[[xX]\]|☒|[\x22”]\s*[,;.]",
    )
});
static FAM_TERM: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\b(?:but|however|although|whereas|she|he|they|patient|herself|himself|now|currently|presents|reports)\b|\)|;",
    )
});
static PAST_TERM: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\b(?:but|however|now|currently|recently|recent|ongoing|since then|new|at present|today|yesterday|last (?:night|week|weekend|month)|this (?:morning|week|month)|presents|presenting|this time|again|returned|recurred|worse)\b",
    )
});
/// "known" (or "k/c/o") after a content word starts a new statement in run-on notes: "free of
/// reflux or indigestion known Crohn's disease" does not deny the Crohn's. After a negation's
/// own words ("no known liver disease", "without any known", "not a known") it is still the
/// denial.
static KNOWN: Lazy<Regex> = Lazy::new(|| build(r"\b([a-z]+)\s+(?:known|k/c/o)\b"));

fn names_a_known_condition(between: &str) -> bool {
    KNOWN.captures_iter(between).any(|c| {
        let word = c[1].to_ascii_lowercase();
        !matches!(
            word.as_str(),
            "no" | "not"
                | "nil"
                | "any"
                | "a"
                | "an"
                | "or"
                | "nor"
                | "and"
                | "without"
                | "un"
                | "never"
                | "been"
                | "is"
                | "was"
                | "previously"
                | "well"
                | "also"
                | "none"
        )
    })
}

/// A line break followed by a capital: a new field or sentence of a form or note whose lines
/// carry no full stops ("Indication: solid dysphagia (8/52), haematemesis x2\nObservations
/// normal, no further episode."), which a back-reaching cue does not cross.
fn starts_a_new_line(between: &str) -> bool {
    between
        .split('\n')
        .skip(1)
        .any(|line| line.trim_start().starts_with(|c: char| c.is_uppercase()))
}

/// How many clause breaks (commas, semicolons, dashes between words) a statement that an
/// episode has not come back reaches back over: "haematemesis x1 in 2011 (Mallory-Weiss), nil
/// since", "PR bleed 2019 - haemorrhoids, colonoscopy NAD, none since" (three), but not
/// "dyspepsia 5/12, PPI 12 weeks - no better, ALT 14, IDA in pregnancy 2019 - treated, FBC
/// normal since" (six).
const MAX_RESOLUTION_BREAKS: usize = 3;

/// Commas, semicolons and spaced dashes outside brackets. A bracket closed in `span` that
/// opened before it held the mention itself ("Dysphagia (food bolus, steak) - ..."): what came
/// before its close does not count.
fn clause_breaks(span: &str) -> usize {
    let mut depth = 0usize;
    let mut breaks = 0;
    let chars: Vec<char> = span.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth == 0 => breaks = 0,
            ')' | ']' => depth -= 1,
            ',' | ';' if depth == 0 => breaks += 1,
            '-' | '–' | '—' if depth == 0 => {
                let spaced = |j: Option<usize>| {
                    j.and_then(|j| chars.get(j))
                        .is_some_and(|c| c.is_whitespace())
                };
                if spaced(i.checked_sub(1)) && spaced(Some(i + 1)) {
                    breaks += 1;
                }
            }
            _ => {}
        }
    }
    breaks
}

/// A symptom that came back after settling.
static RECURRED: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\b(?:(?:came|come|coming|comes)\s+back|recurred|recurring|(?:has|have)\s+(?:since\s+)?returned|returned\s+(?:recently|again|last|this|a\s+few|over)|started\s+again|back\s+again|flared\s+(?:up\s+)?again)\b",
    )
});
/// A clause that opens by saying the symptom before it came back: "it came back five months
/// ago", "but this has since returned".
static NEXT_RECURRED: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"^\s*(?:but\s+|and\s+|then\s+|sadly\s+|unfortunately\s+)?(?:it|this|they|these|the\s+symptoms?|symptoms|the\s+(?:indigestion|pain|bleeding|heartburn|reflux|diarrhoea))\s+(?:has\s+|have\s+|had\s+)?(?:since\s+|now\s+|then\s+|recently\s+)?(?:came\s+back|come\s+back|comes\s+back|returned|recurred|started\s+again|flared\s+(?:up\s+)?again)\b",
    )
});
/// A denial just before a word: "has not", "never", "hasn't", "no".
static NOT_BEFORE: Lazy<Regex> =
    Lazy::new(|| spaced(r"\b(?:not|never|no|nor|nothing|none|without)\b|n't\b"));
/// A question about what the problem could be; it reaches only the few words that name the
/// diagnosis in question, not the symptoms told after it in an unpunctuated note.
const DIAGNOSTIC_QUESTION: &str = r"\b(?:(?:could|might|may|can)\s+(?:this|it|that|these|those|(?:her|his|their|the)\s+(?:symptoms?|picture|presentation|problem|results?))\s+(?:possibly\s+|perhaps\s+|simply\s+|just\s+)?(?:be|represent|reflect|indicate|suggest|mean)|(?:wonder|wondered|wondering)\s+(?:if|whether)\s+(?:this|it|that|these|those|(?:her|his|their|the)\s+(?:symptoms?|picture|problem))\s+(?:is|was|are|were|could|might|may|would))\b";
static DIAGNOSTIC_QUESTION_RE: Lazy<Regex> = Lazy::new(|| spaced(DIAGNOSTIC_QUESTION));
/// How many words a diagnostic question reaches ("could this be bile acid diarrhoea").
const QUESTION_WORDS: usize = 5;
/// A new statement about the patient ends the question's reach.
static QUESTION_TERM: Lazy<Regex> =
    Lazy::new(|| spaced(r"\b(?:he|she|they|patient|but|however|and)\b|[.?!;:]"));
static HYP_TERM: Lazy<Regex> =
    Lazy::new(|| spaced(r"\b(?:but|however|currently|at present|now|meanwhile|already)\b"));
/// Clause separators for the clause-bound reaches.
static CLAUSE_SEP: Lazy<Regex> = Lazy::new(|| spaced(r"[,;]|\b(?:and|but|whilst|while)\b"));

/// What follows "no"/"not"/"without" in a pseudo-negation ("no improvement", "not helped").
static PSEUDO_NEG: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"^(?:no|not|never)\s+(?:been\s+|be\s+|gone\s+|passed\s+)?without\b|^no\s+(?:regular\s+|current\s+|maintenance\s+|long-term\s+|other\s+)?(?:treatment|medication|medications|medicines|therapy|meds)\b|^(?:no|not|without|never|nil|none)\s+(?:improvement|improved|improving|better|response|responded|responding|relief|relieved|help|helped|helping|benefit|effect|difference|doubt|cause|obvious|clear|apparent|explanation|longer\s+than|sooner|only|sure|certain|settled|resolved|resolving|tolerated|tolerating|controlled|eased|trying|meaning|intending|intention|wanting|dieting|effort|any (?:effort|attempt|dieting|change in (?:diet|appetite|her diet|his diet))|success|change\s+(?:with|on|despite|after|from|in\s+(?:her|his|the)\s+symptoms)|further|yet\s+(?:improved|settled|resolved)|of\s+note)\b",
    )
});
/// Before "without", a double negative: "Scarcely a day goes by without heartburn", "the past
/// months have not been without some pain".
static WITHOUT_AFFIRMED: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"(?:\b(?:scarcely|hardly|barely|rarely|seldom|never|not|no)\s+(?:a\s+|one\s+|an?\s+single\s+)?(?:day|night|week|meal|morning|evening|month)s?\s+(?:goes|go|went|passes|pass|passed|has\s+gone|has\s+passed)\s+(?:by\s+)?|\b(?:not|never)\s+(?:been\s+|be\s+|gone\s+|passed\s+)?)$",
    )
});
/// Words before "if" that make it not a hypothetical ("grateful if you could").
static PSEUDO_IF_BEFORE: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\b(?:grateful|appreciate|appreciated|wonder|wondering|wondered|see|know|check|even|as|ask|unsure|sure|query|question|helpful|useful|happy|pleased)\s*$",
    )
});
static PSEUDO_IF_AFTER: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"^if\s+(?:you|possible|appropriate|needed|necessary|required|so|indicated|not already|this is|that is|there is any (?:role|need|benefit|indication|further|value|point|reason|way|chance|evidence|possibility|doubt)|clinically)",
    )
});
/// "Let us know if he develops ...": a safety-net, where "know if" alone is a question ("I
/// would like to know if she has coeliac disease").
static LET_KNOW_BEFORE: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\blet\s+(?:us|me|(?:the|his|her|their)\s+(?:practice|surgery|team|gp|doctor|carers?|staff)|someone|staff|them)\s+know\s*$",
    )
});
/// A safety-net's "should" inside its sentence, after the action it asks for: "contact us
/// should any bleeding occur", "get back to us urgently should he ...", "seek help should
/// the pain return".
static SAFETY_NET_BEFORE_SHOULD: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\b(?:(?:contact|call|ring|phone|tell|inform)\s+(?:us|me|the\s+(?:practice|surgery|team|gp|ward)|111|999|someone|staff)|get\s+back\s+to\s+(?:us|me)|let\s+(?:us|me)\s+know|return|come\s+back|re-?attend|re-?present|seek\s+(?:medical\s+|urgent\s+)?(?:help|advice|review|attention))(?:\s+(?:urgently|immediately|promptly|again|straight\s+away|at\s+once|sooner))?\s*[,;]?\s*$",
    )
});
/// The inverted conditional's "should" and its subject: "should she", "should the patient".
static SHOULD_SUBJECT: Lazy<Regex> =
    Lazy::new(|| spaced(r"^should\s+(?:she|he|they|the\s+patient)\b"));
/// After a sentence-initial "should": a condition whose verb of onset follows ("should
/// dysphagia develop", "should any bleeding recur"), not a request ("should be seen soon").
static SHOULD_CONDITIONAL: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"^ (?:any |further |new |the |her |his |their |more |there be )?[a-z][a-z\-']*(?: [a-z][a-z\-']*){0,4}? (?:develops?|occurs?|appears?|recurs?|returns?|arises?|happens?|starts?|begins?|worsens?|persists?|continues?|deteriorates?|progress(?:es)?|come back|get worse)\b",
    )
});
/// After an inverted "were": a condition put as "were X to <verb of onset>" ("were dysphagia
/// to appear", "were she to lose weight"), not a report ("were found to have", "were noted to
/// recur").
static WERE_CONDITIONAL: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"^ (?:she |he |they |the patient |any |further |new |the |her |his |their |more )?(?:[a-z][a-z\-']*(?: [a-z][a-z\-']*){0,4}? )?to (?:develop|appear|occur|recur|return|arise|happen|start|begin|worsen|persist|continue|deteriorate|progress|come back|get worse|notice|experience|become|lose|pass|vomit|bring up|have|feel|find|see|suffer)\b",
    )
});
/// What follows "were" in a report: "were found to", "were noted to", "were thought to".
static WERE_REPORT: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"^ (?:found|noted|seen|thought|felt|shown|known|said|reported|observed|asked|advised|told|able|unable|going|due|likely|unlikely|about|keen|happy|expected|started|given|sent|booked|referred|used|planned)\b",
    )
});
/// A main clause before an inverted conditional: "I would re-refer urgently were ...".
static WOULD_BEFORE: Lazy<Regex> =
    Lazy::new(|| spaced(r"\b(?:would|will|could|i'd|i’d|we'd|we’d)\b[^.;:!?\n]*$"));
/// A field answered no in words: "Weight loss: not that he has noticed", "Haematemesis: not
/// that I know of", "Mass: not found on examination", "Jaundice: not seen".
static ANSWERED_NO_IN_WORDS: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\A(?:not that (?:s?he|they|i|we|the patient|(?:his|her) (?:wife|husband|partner|family))(?:\s+(?:has|have|had|is|are|was|were)|'s|’s)?\s+(?:noticed|aware|know of|knows of|reported|mentioned)|not (?:noticed|reported|found|seen|felt|present|elicited|detected|palpable|palpated)(?: (?:on|at) (?:examination|exam|palpation))?|none (?:reported|noted|found|seen|felt|elicited|detected|described|mentioned)|not on (?:questioning|direct questioning|enquiry|examination))[\t\x20]*(?:[.,;)|]|(?m:$))",
    )
});
static PSEUDO_PREVIOUSLY: Lazy<Regex> =
    Lazy::new(|| spaced(r"^previously\s+(?:fit|well|healthy|fit and well)\b"));
/// A relative who reports the patient's symptom ("her daughter says she has vomited blood",
/// "his wife noticed he has gone yellow"), not a relative's own history.
static RELATIVE_REPORTS: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\b(?:says?|said|reports?|reported|notices?|noticed|tells?|told|thinks?|thought|feels?|felt|describes?|described|mentions?|mentioned|(?:is|was)\s+(?:worried|concerned|anxious|convinced|sure|certain|adamant|here|present|with)|worries|has\s+seen|saw|brought|accompanied|explains?|explained)\b",
    )
});
/// After a relative's possessive, what they think or say rather than what they have: "her
/// husband's worry is that she has lost weight", "his wife's account".
static POSSESSIVE_REPORT: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"^ (?:(?:main|chief|real|biggest|only)\s+)?(?:concerns?|worry|worries|worried|view|views|opinion|observations?|impression|report|account|fears?|words|suggestion|feeling|belief|suspicion|sense|help|encouragement|insistence|request|instigation|prompting|advice)\b",
    )
});
/// A relative named as the one giving the history ("According to the daughter: ...",
/// "history from his wife:"), not as the one who has it.
static INFORMANT_BEFORE: Lazy<Regex> = Lazy::new(|| {
    spaced(
        r"\b(?:according\s+to|as\s+told\s+by|as\s+reported\s+by|reported\s+by|per|via|(?:history|information|collateral(?:\s+history)?)\s+(?:is\s+|was\s+)?(?:given\s+|obtained\s+|taken\s+|provided\s+)?(?:from|by))\s+(?:(?:the|his|her|their)\s+)?$",
    )
});
static NEGATED_BEFORE: Lazy<Regex> =
    Lazy::new(|| spaced(r"(?:\bnot|n't|\bnever|\byet to be|\bun)\s*$"));

/// Words that open the history of another episode inside a run-on note.
static OPENS_A_HISTORY: Lazy<Regex> =
    Lazy::new(|| spaced(r"\b(?:h/o|hx\s+of|history\s+of|pmh|past\s+history)\b"));

/// At most this many words between a finding and a statement that it has not come back
/// ("rectal bleeding in 2015 from haemorrhoids, none since").
const MAX_RESOLUTION_WORDS: usize = 12;

/// How far (in bytes) from a mention a trigger is looked for.
const REACH_BYTES: usize = 400;

/// Scope triggers of one text, with its sentences.
pub struct ScopeIndex<'t> {
    text: &'t str,
    sentences: Vec<Range<usize>>,
    triggers: Vec<Trigger>,
}

impl<'t> ScopeIndex<'t> {
    /// Finds the triggers of `text`. Years in "in 2015" count as past only when at least two
    /// years before `ref_year` (the letter's year, when known).
    pub fn new(text: &'t str, sentences: Vec<Range<usize>>, ref_year: Option<i32>) -> Self {
        let mut triggers = Vec::new();
        for def in DEFS.iter() {
            for m in def.re.find_iter(text) {
                let (start, end) = (m.start(), m.end());
                if !keep_trigger(text, def, start, end, ref_year) {
                    continue;
                }
                // The forward negation pattern swallows the first character of the next word.
                let end = if def.kind == Kind::Negation && def.reach == Reach::Forward {
                    trim_to_word_end(text, start, end)
                } else if def.kind == Kind::Family {
                    // "Her husband vomited blood": the verb is the finding's own first word,
                    // so the trigger ends before it.
                    finding_verb_start(&text[start..end]).map_or(end, |i| start + i)
                } else if def.kind == Kind::Hypothetical {
                    // "should she lose weight": the verb may be the finding's own first word,
                    // so the trigger ends with its subject.
                    SHOULD_SUBJECT
                        .find(&text[start..end])
                        .map_or(end, |m| start + m.end())
                } else {
                    end
                };
                triggers.push(Trigger {
                    kind: def.kind,
                    reach: def.reach,
                    start,
                    end,
                });
            }
        }
        triggers.sort_by_key(|t| t.start);
        ScopeIndex {
            text,
            sentences,
            triggers,
        }
    }

    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    /// Sentence `si`, run on over the next one when it ends at a semicolon ("She thought she
    /// looked yellow; on examination she is not jaundiced"): its byte range.
    pub fn through_semicolon(&self, si: usize) -> Option<Range<usize>> {
        let s = self.sentences.get(si)?;
        let next = self.sentences.get(si + 1);
        match next {
            Some(n) if self.text[s.clone()].trim_end().ends_with(';') => Some(s.start..n.end),
            _ => Some(s.clone()),
        }
    }

    /// The index of the sentence holding byte `pos`.
    pub fn sentence_of(&self, pos: usize) -> Option<usize> {
        // Sentences are in order and do not overlap.
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences
            .get(i)
            .filter(|s| s.start <= pos && pos < s.end.max(s.start + 1))
            .map(|_| i)
    }

    /// The scope of the mention at `start..end`.
    pub fn scope(&self, start: usize, end: usize) -> Scope {
        let mut scope = Scope::default();
        let Some(si) = self.sentence_of(start) else {
            return scope;
        };
        // Whether a negation reached the mention without crossing a semicolon.
        let mut negated_directly = false;

        let sentence = self.sentences[si].clone();
        // Only triggers near the mention can reach it (every reach is a few words at most, bar
        // the hypothetical's 30): this keeps long inputs linear.
        let from = start.saturating_sub(REACH_BYTES).max(sentence.start);
        let to = end.saturating_add(REACH_BYTES);
        let lo = self.triggers.partition_point(|t| t.start < from);
        for t in self.triggers[lo..].iter().take_while(|t| t.start < to) {
            if t.kind == Kind::Negation
                && t.reach == Reach::Forward
                && t.start >= start
                && t.end <= end
            {
                // A negation inside the mention ("PR: no mass").
                scope.negated = true;
                negated_directly = true;
                continue;
            }
            if t.end <= sentence.start || t.start >= sentence.end {
                continue;
            }
            let applies = match t.reach {
                Reach::Forward => t.end <= start && self.forward_ok(t, start),
                Reach::BackClause => t.start >= end && self.back_clause_ok(t, end),
                Reach::BackSentence => {
                    t.start >= end
                        && !self.terminated(t.kind, end, t.start)
                        && !starts_a_new_line(&self.text[end..t.start])
                        // "An episode ..., none since" speaks of the episode just told, not of
                        // a list of findings and results before it.
                        && (t.kind != Kind::Past
                            || (clause_breaks(&self.text[end..t.start]) <= MAX_RESOLUTION_BREAKS
                                // Unpunctuated notes run many findings into one sentence:
                                // "visibly jaundiced with yellow sclerae ... duodenal ulcer
                                // 2009 - h pylori eradicated asymptomatic since".
                                && self.text[end..t.start].split_whitespace().count()
                                    <= MAX_RESOLUTION_WORDS
                                // Nor across the start of another history: "CIBH x12/52
                                // bloating ++ h/o food bolus 2019, OGD nad, nil since".
                                && !OPENS_A_HISTORY.is_match(&self.text[end..t.start])))
                }
                Reach::Clause => {
                    (t.end <= start
                        && !self.separated(t.end, start)
                        // A note without punctuation runs on for lines in one "clause": a
                        // past date reaches the next few words ("a food bolus in 2019 after
                        // a steak"), not the examination and results after them.
                        && (t.kind != Kind::Past
                            || self.text[t.end..start].split_whitespace().count()
                                <= MAX_RESOLUTION_WORDS)
                        && !self.terminated(t.kind, t.end, start))
                        || (t.start >= end && self.back_clause_ok(t, end))
                }
            };
            if applies {
                match t.kind {
                    Kind::Negation => {
                        scope.negated = true;
                        let (a, b) = if t.end <= start {
                            (t.end, start)
                        } else {
                            (end.min(t.start), t.start)
                        };
                        negated_directly |= !self.text[a..b].contains(';');
                    }
                    Kind::Family => scope.family = true,
                    Kind::Past => {
                        scope.past = true;
                        if t.end <= start {
                            scope.past_before = true;
                        } else if t.reach != Reach::BackSentence {
                            let words = self.text[end..t.start].split_whitespace().count();
                            scope.past_after_words =
                                Some(scope.past_after_words.map_or(words, |w| w.min(words)));
                        }
                    }
                    Kind::Hypothetical => scope.hypothetical = true,
                }
            }
        }
        if !scope.negated && (self.short_answer_no(end) || self.bracketed_list_answered_no(end)) {
            scope.negated = true;
            negated_directly = true;
        }
        scope.negation_carried = scope.negated && !negated_directly;
        if !scope.past && self.resolved_in_next_sentence(si, start, end) {
            scope.past = true;
        }
        // "indigestion in April which settled on antacids but came back a few weeks ago": a
        // symptom that settled and then recurred is current.
        if scope.past {
            let after = self.text.get(end..sentence.end).unwrap_or("");
            // "has not recurred", "never came back" keep it past, and so does an instruction
            // in a run-on note ("none since he knows to come back straight away if ...").
            let recurred = RECURRED.find_iter(after).any(|m| {
                let lead = after
                    .get(m.start().saturating_sub(12)..m.start())
                    .unwrap_or("");
                let instructed = lead.trim_end().to_ascii_lowercase().ends_with(" to");
                !NOT_BEFORE.is_match(lead) && !instructed
            });
            // Or the next clause, after a semicolon or full stop, by a pronoun: "She first had
            // indigestion in 2020, which settled with Gaviscon; it came back five months ago".
            let recurred_next = self.sentences.get(si + 1).is_some_and(|next| {
                let next_text = &self.text[next.clone()];
                NEXT_RECURRED.is_match(next_text)
            });
            if recurred || recurred_next {
                scope.past = false;
            }
        }
        scope
    }

    /// "Rectal bleeding in 2019. Nothing since." / "... 2018. No recurrence.": a sentence that
    /// opens by saying the episode has not come back makes the mention before it past, unless
    /// the mention's own sentence says it is current.
    fn resolved_in_next_sentence(&self, si: usize, start: usize, end: usize) -> bool {
        let Some(next) = self.sentences.get(si + 1) else {
            return false;
        };
        let next_text = &self.text[next.clone()];
        let lead = next.start + (next_text.len() - next_text.trim_start().len());
        let sentence = &self.sentences[si];
        let before = self
            .text
            .get(sentence.start..start.max(sentence.start))
            .unwrap_or("");
        let after = self
            .text
            .get(end.min(sentence.end)..sentence.end)
            .unwrap_or("");
        if PAST_TERM.is_match(before) || PAST_TERM.is_match(after) {
            return false;
        }
        // A form's row: the label ends in leader dots and its answer on the same line is the
        // next sentence ("Rectal bleeding ........ only once, last year (none since)").
        let row_label = self.text[sentence.clone()].trim_end().ends_with("...");
        self.triggers.iter().any(|t| {
            let answered_on_the_row = row_label
                && t.start >= lead
                && !self.text[lead..t.start.min(next.end)].contains('\n');
            // "Jaundice: none since 2020" answers its own label, not the sentence before.
            let labelled = !answered_on_the_row
                && t.start >= lead
                && self.text[lead..t.start.min(next.end)].contains(':');
            t.kind == Kind::Past
                && t.reach == Reach::BackSentence
                && t.start >= lead
                && !labelled
                && (t.start <= lead + 12 || answered_on_the_row)
                && t.end <= next.end
        })
    }

    fn forward_ok(&self, t: &Trigger, start: usize) -> bool {
        let from = t.end.min(start);
        let between = &self.text[from..start];
        let words = between.split_whitespace().count();
        let max_words = match t.kind {
            Kind::Negation => 14,
            Kind::Family => 8,
            Kind::Past => 8,
            Kind::Hypothetical => 30,
        };
        if words > max_words {
            return false;
        }
        if t.kind == Kind::Hypothetical
            && DIAGNOSTIC_QUESTION_RE.is_match(&self.text[t.start..t.end])
            && (words > QUESTION_WORDS || QUESTION_TERM.is_match(between))
        {
            return false;
        }
        if t.kind == Kind::Past && self.separated(from, start) {
            return false;
        }
        if t.kind == Kind::Negation && self.answers_a_field(t, start) {
            return false;
        }
        !self.terminated(t.kind, from, start)
    }

    /// A denial written as a form field's answer ("Jaundice: No", "Melaena: No   Jaundice:
    /// No") answers its own line; it does not deny what a new line says ("...\nDyspepsia for
    /// 6 weeks"). A wrapped line going on in lower case is still the same sentence.
    fn answers_a_field(&self, t: &Trigger, start: usize) -> bool {
        // The span up to and including the mention's first character.
        let to = self.text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        let span = &self.text[t.start..to.max(t.start)];
        if !span.contains('\n') || !starts_a_new_line(span) {
            return false;
        }
        let line_start = self.text[..t.start].rfind('\n').map_or(0, |i| i + 1);
        self.text[line_start..t.start].contains(':')
    }

    fn back_clause_ok(&self, t: &Trigger, end: usize) -> bool {
        let between = &self.text[end..t.start];
        between.split_whitespace().count() <= 8
            && !self.separated(end, t.start)
            && !self.terminated(t.kind, end, t.start)
    }

    fn terminated(&self, kind: Kind, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let between = &self.text[from..to];
        let re: &Regex = match kind {
            Kind::Negation => &NEG_TERM,
            Kind::Family => &FAM_TERM,
            Kind::Past => &PAST_TERM,
            Kind::Hypothetical => &HYP_TERM,
        };
        re.is_match(between) || (kind == Kind::Negation && names_a_known_condition(between))
    }

    fn separated(&self, from: usize, to: usize) -> bool {
        from < to && CLAUSE_SEP.is_match(&self.text[from..to])
    }

    /// "Red flags (dysphagia, weight loss, GI bleeding): none": a mention inside a bracketed
    /// list whose answer, after the closing bracket, is no.
    fn bracketed_list_answered_no(&self, end: usize) -> bool {
        let rest = &self.text[end..];
        let line = rest.split('\n').next().unwrap_or("");
        let Some(close) = line.find(')') else {
            return false;
        };
        if close > 120 || line[..close].contains('(') {
            return false;
        }
        let after = line[close + 1..].trim_start();
        let Some(answer) = after.strip_prefix([':', '-', '–', '=']) else {
            return false;
        };
        let word: String = answer
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        matches!(
            word.as_str(),
            "no" | "none" | "nil" | "negative" | "absent" | "denied" | "denies"
        )
    }

    /// "Dysphagia: No", "Weight loss - nil", "PR bleeding? N": a field answered no.
    fn short_answer_no(&self, end: usize) -> bool {
        let rest = &self.text[end..];
        let mut trimmed = rest.trim_start_matches([' ', '\t']);
        // A label with its synonym after a slash: "Reflux / heartburn (-)".
        if let Some(other) = trimmed.strip_prefix('/') {
            let name = other
                .find(|c: char| !(c.is_alphabetic() || matches!(c, ' ' | '\t' | '-' | '\'')))
                .unwrap_or(other.len());
            if name <= 30 && other[..name].trim().len() >= 2 {
                trimmed = other[name..].trim_start_matches([' ', '\t']);
            }
        }
        // A label naming an alternative, then its colon or question mark: "Yellow skin or
        // eyes: -", "Jaundice or yellow eyes?: No".
        for joiner in ["or ", "and ", "& "] {
            let Some(other) = trimmed
                .get(..joiner.len())
                .filter(|head| head.eq_ignore_ascii_case(joiner))
                .map(|_| &trimmed[joiner.len()..])
            else {
                continue;
            };
            let name = other
                .find(|c: char| !(c.is_alphabetic() || matches!(c, ' ' | '-' | '\'')))
                .unwrap_or(other.len());
            if name <= 30
                && other[..name].trim().len() >= 2
                && (other[name..].starts_with([':', '?', '…']) || other[name..].starts_with(".."))
            {
                trimmed = &other[name..];
            }
            break;
        }
        // A qualifier in brackets between the label and its leader or colon: "Rectal mass (on
        // PR) ........ not felt".
        if let Some(inner) = trimmed.strip_prefix('(') {
            if let Some(close) = inner
                .find(')')
                .filter(|&c| c <= 30 && !inner[..c].contains('\n'))
            {
                let after = inner[close + 1..].trim_start_matches([' ', '\t']);
                if after.starts_with("..") || after.starts_with(['…', ':']) {
                    trimmed = after;
                }
            }
        }
        // A dotted leader ("Dysphagia ........ not that she's noticed") separates like a colon.
        let leader = trimmed.len() - trimmed.trim_start_matches(['.', '…']).len();
        let after_punct = if leader >= 2 || trimmed.starts_with('…') {
            &trimmed[leader..]
        } else if let Some(rest) = trimmed.strip_prefix([':', '-', '–', '?', '=', '(']) {
            rest
        } else if trimmed.len() == rest.trim_start_matches([' ', '\t']).len()
            && column_gap(&rest[..rest.len() - trimmed.len()])
        {
            // A checklist's answer column, a wide gap from its label and no colon:
            // "Dysphagia                  not that she's noticed".
            trimmed
        } else {
            return false;
        };
        // A form's box answered with a dash, a minus or a cross alone: "Jaundice: —",
        // "Mass: ✗", "Jaundice (-)" on a sheet whose key reads "+ present, - absent".
        // Fields run on one line: "Rectal bleeding: -; Haematemesis: N".
        let line = after_punct.split(['\n', ';']).next().unwrap_or("").trim();
        let line = line.trim_end_matches([')', ']']).trim();
        if matches!(line, "—" | "–" | "-" | "−" | "✗" | "✘" | "x" | "X") {
            return true;
        }
        let answer = after_punct.trim_start_matches([' ', '\t', ':', '-']);
        if ANSWERED_NO_IN_WORDS.is_match(answer) {
            return true;
        }
        let word: String = answer
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '0')
            .collect::<String>()
            .to_ascii_lowercase();
        // OCR: "N0" is "No".
        let word_len = word.len();
        let word = word.replace('0', "o");
        let after = answer
            .get(word_len..)
            .unwrap_or("")
            .trim_start_matches([' ', '\t']);
        let ends = after.is_empty() || after.starts_with(['\n', '\r', '.', ',', ';', ')', '|']);
        ends && matches!(
            word.as_str(),
            // "-ve": the minus was taken with the punctuation before the word.
            "no" | "n"
                | "nil"
                | "none"
                | "never"
                | "denied"
                | "denies"
                | "absent"
                | "negative"
                | "ve"
        )
    }
}

/// Whether the blanks between a label and what follows it are a form's column gap (a tab, or
/// three spaces or more), not the space between two words of a sentence.
fn column_gap(blanks: &str) -> bool {
    blanks.contains('\t') || blanks.len() >= 3
}

/// The end of the `n` words after `at` on its line (or `at` itself where none follow).
fn next_words_end(text: &str, at: usize, n: usize) -> usize {
    let mut end = at;
    let bytes = text.as_bytes();
    for _ in 0..n {
        let mut i = end;
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        let word_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'\'') {
            i += 1;
        }
        if i == word_start {
            break;
        }
        end = i;
    }
    end
}

/// Where a family trigger's last word is a verb that also begins a finding ("vomited",
/// "bled", "lost", "became"), its offset in `m`.
fn finding_verb_start(m: &str) -> Option<usize> {
    const VERBS: [&str; 9] = [
        "vomited", "vomits", "bled", "bleeds", "lost", "loses", "became", "becomes", "turned",
    ];
    let trimmed = m.trim_end();
    let at = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let last = &trimmed[at..];
    VERBS
        .iter()
        .any(|v| last.eq_ignore_ascii_case(v))
        .then_some(at)
}

/// Whether an inverted conditional's "should" or "were" at `start` opens its clause: at the
/// start of a sentence, line or list item (or after a comma, with `after_comma`), or after
/// the action a safety-net asks for ("contact us should any bleeding occur").
fn opens_a_condition(text: &str, start: usize, after_comma: bool) -> bool {
    let before = safe_tail(text, start, 24).unwrap_or("");
    let lead = before.trim_end_matches([' ', '\t', '-', '*', '•', '·']);
    lead.is_empty()
        || lead.ends_with(['.', '!', '?', ';', ':', ')', '\n'])
        || (after_comma && lead.ends_with(','))
        || SAFETY_NET_BEFORE_SHOULD.is_match(safe_tail(text, start, 60).unwrap_or(""))
}

/// Drops the trailing non-space character a trigger regex used as look-ahead.
fn trim_to_word_end(text: &str, start: usize, end: usize) -> usize {
    let s = &text[start..end];
    match s.rfind(char::is_whitespace) {
        Some(ws) => start + ws,
        None => end,
    }
}

fn keep_trigger(
    text: &str,
    def: &TriggerDef,
    start: usize,
    end: usize,
    ref_year: Option<i32>,
) -> bool {
    let rest = &text[start..];
    let before = safe_tail(text, start, 24).unwrap_or("");
    match (def.kind, def.reach) {
        (Kind::Negation, Reach::Forward) => {
            let without = rest
                .get(..7)
                .is_some_and(|w| w.eq_ignore_ascii_case("without"));
            let affirmed =
                without && WITHOUT_AFFIRMED.is_match(safe_tail(text, start, 60).unwrap_or(""));
            !affirmed && !PSEUDO_NEG.is_match(rest)
        }
        (Kind::Hypothetical, _) => {
            let word = &text[start..end];
            if word.eq_ignore_ascii_case("if") {
                !PSEUDO_IF_AFTER.is_match(rest)
                    && (!PSEUDO_IF_BEFORE.is_match(before)
                        || LET_KNOW_BEFORE.is_match(safe_tail(text, start, 48).unwrap_or("")))
            } else if word.eq_ignore_ascii_case("should") {
                // At the start of a sentence, line or list item, or after the action a
                // safety-net asks for ("contact us should any bleeding occur").
                opens_a_condition(text, start, false) && SHOULD_CONDITIONAL.is_match(&text[end..])
            } else if word.eq_ignore_ascii_case("were") {
                // The same, or after a comma or a main clause ("I would re-refer were ...").
                let after = &text[end..];
                (opens_a_condition(text, start, true)
                    || WOULD_BEFORE.is_match(safe_tail(text, start, 80).unwrap_or("")))
                    && WERE_CONDITIONAL.is_match(after)
                    && !WERE_REPORT.is_match(after)
            } else {
                true
            }
        }
        // A column heading ("Test   Result   Flag   Previous") is no past marker for the rows
        // under it: "previous" or "prior" ending its line.
        (Kind::Past, Reach::Forward) => {
            let word = &text[start..end];
            let heading = ["previous", "prior", "previously"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w))
                && text[end..]
                    .split('\n')
                    .next()
                    .is_some_and(|l| l.trim().is_empty());
            // "Previously fit and well" is no past marker; "previously FIT 15" (the test, in
            // capitals) is.
            let fit_test = rest
                .get("previously".len()..)
                .is_some_and(|r| r.trim_start().starts_with("FIT"));
            (fit_test || !PSEUDO_PREVIOUSLY.is_match(rest)) && !heading
        }
        (Kind::Family, Reach::Forward) => {
            // The relative's verb with the two words after it: "her husband is worried she
            // ...", "his wife has noticed ..." report the patient's symptom.
            let verb_end = next_words_end(text, end, 2);
            let possessive = ["'s", "’s"].iter().any(|p| text[start..end].ends_with(p));
            let possessive_report = possessive && POSSESSIVE_REPORT.is_match(&text[end..]);
            !possessive_report
                && !RELATIVE_REPORTS.is_match(&text[start..verb_end])
                && !INFORMANT_BEFORE.is_match(safe_tail(text, start, 48).unwrap_or(""))
        }
        // "Resolved problems" is a heading for the entries after it, not a resolution of
        // the result before it ("qfit positive at 14 resolved problems difficulty swallowing").
        (Kind::Past, Reach::BackClause) => {
            !NEGATED_BEFORE.is_match(before) && !LIST_HEADING_AFTER.is_match(&text[end..])
        }
        (Kind::Past, Reach::Clause) => {
            let m = &text[start..end];
            match first_year(m) {
                Some(year) => ref_year.is_none_or(|r| year <= r - 2),
                None => true,
            }
        }
        _ => true,
    }
}

/// The last `n` bytes before `pos`, widened to a character boundary.
fn safe_tail(text: &str, pos: usize, n: usize) -> Option<&str> {
    let mut from = pos.saturating_sub(n);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    text.get(from..pos)
}

fn first_year(s: &str) -> Option<i32> {
    let bytes = s.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let w = bytes.get(i..i + 4)?;
        if w.iter().all(u8::is_ascii_digit) && (w[0] == b'1' || w[0] == b'2') {
            std::str::from_utf8(w).ok()?.parse().ok()
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::segment::sentences;
    use super::*;

    fn scope_of(text: &str, term: &str) -> Scope {
        let idx = ScopeIndex::new(text, sentences(text), Some(2025));
        let start = text.find(term).unwrap_or(0);
        idx.scope(start, start + term.len())
    }

    #[test]
    fn negation_forward_lists_and_terminators() {
        assert!(scope_of("No weight loss, dysphagia or vomiting.", "dysphagia").negated);
        assert!(scope_of("She denies dysphagia.", "dysphagia").negated);
        assert!(scope_of("Other: Ø dysphagia; PR bleed.", "dysphagia").negated);
        assert!(!scope_of("No weight loss but has dysphagia.", "dysphagia").negated);
        assert!(
            !scope_of(
                "No improvement despite PPI, ongoing dysphagia.",
                "dysphagia"
            )
            .negated
        );
        assert!(scope_of("Dysphagia: No", "Dysphagia").negated);
        // A denial label opening a line, its findings after the colon on the same line.
        assert!(scope_of("Tired.\nDenies: melaena or vomiting", "melaena").negated);
        assert!(scope_of("Seen today.\nNil - jaundice; itch", "jaundice").negated);
        // "No:" inside a line is a number's label, not a denial.
        assert!(!scope_of("Hosp No: AB12 with jaundice", "jaundice").negated);
        assert!(scope_of("Dysphagia and weight loss denied.", "weight loss").negated);
        assert!(scope_of("[ ] Weight loss", "Weight loss").negated);
        assert!(!scope_of("[x] Weight loss", "Weight loss").negated);
        assert!(!scope_of("NHS No 999 123 4567. Dysphagia.", "Dysphagia").negated);
        // "known" after a finding starts a new statement in run-on notes; after the denial's
        // own words it is part of the denial.
        assert!(
            !scope_of(
                "seen today free of reflux or indigestion known crohn's disease stable",
                "crohn's disease"
            )
            .negated
        );
        assert!(scope_of("No known liver disease.", "liver disease").negated);
        assert!(scope_of("Without any known coeliac disease.", "coeliac disease").negated);
        // A denial with a verb of perception.
        assert!(
            scope_of(
                "Has not noticed any blood in the stool.",
                "blood in the stool"
            )
            .negated
        );
        assert!(scope_of("She has never seen any yellowing.", "yellowing").negated);
        assert!(!scope_of("He has noticed blood in the stool.", "blood in the stool").negated);
        // Contracted, over a list, with or without the apostrophe; and told as a doubt.
        for (text, mention) in [
            (
                "He hasn't had any weight loss, trouble swallowing or jaundice.",
                "jaundice",
            ),
            ("she hasnt had any dysphagia or weight loss", "dysphagia"),
            ("He doesn't have any abdominal pain.", "abdominal pain"),
            ("Not that he has noticed any jaundice.", "jaundice"),
        ] {
            assert!(scope_of(text, mention).negated, "{text}");
        }
        assert!(
            !scope_of(
                "He hasn't had any relief and has dysphagia to solids.",
                "dysphagia"
            )
            .negated
        );
        // A query on a note answered by the writer after a dash.
        assert!(
            scope_of(
                "?dysphagia on the triage note - on questioning this is a feeling of a lump in the throat.",
                "dysphagia"
            )
            .negated
        );
        // The inverted conditional with "were".
        for (text, term) in [
            (
                "I would re-refer urgently were dysphagia to appear.",
                "dysphagia",
            ),
            (
                "Were she to lose weight or become jaundiced, please see sooner.",
                "jaundiced",
            ),
            (
                "Happy to see again, were any bleeding to recur.",
                "bleeding",
            ),
        ] {
            assert!(scope_of(text, term).hypothetical, "{text}");
        }
        // A report with "were" is no condition.
        for (text, term) in [
            ("Her stools were found to have blood in them.", "blood"),
            (
                "The nodes were thought to be reactive; she has dysphagia to solids.",
                "dysphagia",
            ),
            (
                "Were the bloods back? Yes, and she has dysphagia.",
                "dysphagia",
            ),
        ] {
            assert!(!scope_of(text, term).hypothetical, "{text}");
        }
        // A safety-net: "should she become jaundiced".
        assert!(
            scope_of(
                "Should she become jaundiced she knows to attend A&E.",
                "jaundiced"
            )
            .hypothetical
        );
    }

    #[test]
    fn negation_carried_across_a_semicolon_is_marked() {
        // Read as a list of denied findings, but only by carrying the "no" across the `;`.
        let s = scope_of("No dysphagia; PR bleeding", "PR bleeding");
        assert!(s.negated && s.negation_carried, "{s:?}");
        let s = scope_of("Denies dysphagia; weight loss; PR bleeding.", "PR bleeding");
        assert!(s.negated && s.negation_carried, "{s:?}");
        // Said of the mention itself: not carried.
        let s = scope_of("No dysphagia; no PR bleeding.", "PR bleeding");
        assert!(s.negated && !s.negation_carried, "{s:?}");
        let s = scope_of("No dysphagia, weight loss or PR bleeding.", "PR bleeding");
        assert!(s.negated && !s.negation_carried, "{s:?}");
        let s = scope_of("No dysphagia/wt loss/PR bleed", "PR bleed");
        assert!(s.negated && !s.negation_carried, "{s:?}");
        let s = scope_of("Dysphagia: No", "Dysphagia");
        assert!(s.negated && !s.negation_carried, "{s:?}");
    }

    #[test]
    fn a_bracketed_list_answered_no_is_negated() {
        let text = "Red flags (dysphagia, weight loss, GI bleeding): none.";
        assert!(scope_of(text, "weight loss").negated);
        assert!(scope_of("Alarm symptoms (dysphagia/weight loss) - nil", "dysphagia").negated);
        // Answered yes, or no answer: not negated.
        assert!(
            !scope_of(
                "Red flags (dysphagia, weight loss): yes, weight loss",
                "dysphagia"
            )
            .negated
        );
        assert!(!scope_of("Symptoms (dysphagia for 3 weeks).", "dysphagia").negated);
    }

    #[test]
    fn family_past_and_hypothetical() {
        assert!(scope_of("Her father had bowel cancer aged 62.", "bowel cancer").family);
        assert!(
            !scope_of(
                "Her father had bowel cancer and she has rectal bleeding.",
                "rectal bleeding"
            )
            .family
        );
        assert!(scope_of("Bowel cancer (father, 62).", "Bowel cancer").family);
        // A relative reporting the patient's symptom is no family history.
        for text in [
            "Her daughter says she has vomited blood twice.",
            "His wife noticed he has gone yellow.",
            "Her son reports she has had rectal bleeding.",
        ] {
            let mention = ["vomited blood", "gone yellow", "rectal bleeding"]
                .into_iter()
                .find(|m| text.contains(m))
                .unwrap_or_default();
            assert!(!scope_of(text, mention).family, "{text}");
        }
        // A relative named as the informant.
        for (text, mention) in [
            (
                "According to the son: known ulcerative colitis, settled.",
                "ulcerative colitis",
            ),
            (
                "History from his wife - he has vomited blood twice.",
                "vomited blood",
            ),
        ] {
            assert!(!scope_of(text, mention).family, "{text}");
        }
        assert!(scope_of("Her mother has had bowel cancer.", "bowel cancer").family);
        assert!(scope_of("Rectal bleeding in 2015, none since.", "Rectal bleeding").past);
        assert!(
            scope_of(
                "Heartburn on ibuprofen - ibuprofen stopped, symptoms resolved completely\nNext",
                "Heartburn"
            )
            .past
        );
        assert!(!scope_of("Heartburn, symptoms not resolved.", "Heartburn").past);
        assert!(!scope_of("Rectal bleeding since 2024.", "Rectal bleeding").past);
        assert!(
            scope_of(
                "Previously investigated for dysphagia in 2018.",
                "dysphagia"
            )
            .past
        );
        assert!(!scope_of("Previously well, now dysphagia.", "dysphagia").past);
        assert!(!scope_of("Previously fit and well, now dysphagia.", "dysphagia").past);
        assert!(scope_of("FIT 8 today (previously FIT 15 in May).", "FIT 15").past);
        assert!(scope_of("If she develops dysphagia she will return.", "dysphagia").hypothetical);
        // A question about the diagnosis, not the symptom the patient has.
        for (text, mention) in [
            (
                "bloods hb 110 could this be bile acid diarrhoea he is keen to know",
                "diarrhoea",
            ),
            (
                "I wondered whether it might be a stricture causing food sticking.",
                "food sticking",
            ),
            ("Might this simply be a fatty liver?", "fatty liver"),
        ] {
            assert!(scope_of(text, mention).hypothetical, "{text}");
        }
        // The symptom stated beside the question still counts, and a request is no question.
        for (text, mention) in [
            (
                "could this be a stricture he has had dysphagia to solids for 3 weeks",
                "dysphagia",
            ),
            (
                "Could this be coeliac disease? She has had diarrhoea for 8 weeks.",
                "diarrhoea",
            ),
            (
                "Could you see her soon: she has dysphagia to solids.",
                "dysphagia",
            ),
        ] {
            assert!(!scope_of(text, mention).hypothetical, "{text}");
        }
        assert!(
            !scope_of(
                "I would be grateful if you could see her with dysphagia.",
                "dysphagia"
            )
            .hypothetical
        );
        assert!(
            scope_of(
                "Safety-netted for dysphagia and weight loss.",
                "weight loss"
            )
            .hypothetical
        );
        assert!(!scope_of("Her reflux has not resolved.", "reflux").past);
        assert!(scope_of("PR bleeding in 2019. Nothing since.", "PR bleeding").past);
        assert!(
            scope_of(
                "Haematemesis in March 2018 (Mallory-Weiss), nothing has recurred.",
                "Haematemesis"
            )
            .past
        );
        assert!(
            !scope_of(
                "PR bleeding for 3 weeks. Nothing else of note.",
                "PR bleeding"
            )
            .past
        );
        assert!(
            !scope_of(
                "Now has PR bleeding again. No recurrence of reflux.",
                "PR bleeding"
            )
            .past
        );
    }

    #[test]
    fn a_field_answered_no_does_not_deny_the_next_line() {
        let text = "Melaena:    No            Jaundice:        No\nDyspepsia for 6 weeks.";
        assert!(!scope_of(text, "Dyspepsia").negated);
        // A heading that denies a list below it still does.
        assert!(scope_of("Denies dysphagia,\nweight loss or bleeding.", "weight loss").negated);
        assert!(scope_of("Jaundice: No", "Jaundice").negated);
    }

    #[test]
    fn childhood_episodes_and_full_recoveries_are_past() {
        for (text, mention) in [
            (
                "Background: dysph 2013 - oesophageal candida, Rx'd, resolved; asthma.",
                "dysph",
            ),
            (
                "Was jaundiced in early childhood with glandular fever.",
                "jaundiced",
            ),
            (
                "Yellow skin in childhood after hepatitis, nothing since.",
                "Yellow skin",
            ),
            (
                "Rectal bleeding from a fissure, fully recovered.",
                "Rectal bleeding",
            ),
            (
                "Upper GI bleed on NSAIDs - made a full recovery.",
                "Upper GI bleed",
            ),
            (
                "Vomited blood after a binge; recovered completely.",
                "Vomited blood",
            ),
            ("hep A 2019 (jaundiced), full recovery.", "jaundiced"),
            (
                "The indigestion he had in the spring has gone completely since he stopped naproxen.",
                "indigestion",
            ),
        ] {
            assert!(scope_of(text, mention).past, "{text}");
        }
        // Recovery from something else, or a current symptom in an adult, stays current.
        assert!(!scope_of("Jaundiced for a week, not yet recovered.", "Jaundiced").past);
        assert!(
            !scope_of(
                "Dysphagia since her childhood friend died in May.",
                "Dysphagia"
            )
            .past
        );
    }
}
