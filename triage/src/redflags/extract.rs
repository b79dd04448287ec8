//! From free text to [`ClinicalFacts`], keeping the span of every piece of evidence.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use types::clinical::{age_at, find_birth_and_letter_dates, find_uk_dates, month_number};

use super::demographics::{age_mentions, decide_sex, sex_cues};
use super::fields::{
    answer_after, box_before, chosen_option, denied_label, row_answer, unanswered_question,
};
use super::grid::{grid_cell, line_around, line_box, tick_list, Column};
use super::lexicon::{
    ANAEMIA, CIRRHOSIS, CRC, DECOMPENSATION, DURATION, FINDING_REGEXES, IBD, IBD_QUESTION,
    IBD_REFERENCE, IBD_STABLE, IDA, IRON_DEFICIENT, MELAENA, MONTH_NAME, NEGATIVE_WORD,
    POSITIVE_WORD, PPI, RELATIVE, SHORT_OF, SINCE_MONTH, SUSPECTED, TTG,
};
use super::scope::{Scope, ScopeIndex};
use super::screen::{unread_words, UnreadWord};
use super::sections::{clearly_current, section_at, sections, Section, SectionKind};
use super::segment::sentences;
use super::values::{
    keyword_regex, latest_in_dated_table, read_number_words, scan_value, weight_falls, Analyte,
};
use super::Evidence;
use crate::facts::{
    Assertion, ClinicalFacts, Fact, FactKind, Finding, Sex, ANAEMIA_HB_FEMALE, ANAEMIA_HB_MALE,
    IRON_DEFICIENCY_FERRITIN,
};

/// The facts read from a letter and the evidence for each.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// What the rules read: built from the [`Assertion::Present`] facts only.
    pub facts: ClinicalFacts,
    /// Evidence for every present fact.
    pub evidence: Vec<Evidence>,
    /// Every fact mentioned, with its assertion (present, negated, a relative's, past,
    /// hypothetical), value and span, in the order found.
    pub mentions: Vec<Fact>,
    /// Screen words the letter asserts that no mention explains (the routing guard's word
    /// screen).
    pub unread: Vec<UnreadWord>,
    /// Mentions read and set aside as explained (weight lost on purpose): no fact, but read.
    #[doc(hidden)]
    pub explained: Vec<Range<usize>>,
}

/// At most this many facts are kept for one letter (bounded work on pathological input).
const MAX_FACTS: usize = 400;

/// The text being read, with its sentences, scope triggers, sections and the spans of its
/// dates (a date is never evidence of a finding).
pub struct Reader<'t> {
    pub idx: ScopeIndex<'t>,
    sections: Vec<Section>,
    dates: Vec<Range<usize>>,
    /// Mentions that assert nothing by themselves: the alternatives of a ticked either/or
    /// criterion that the letter's own words do not confirm ([`unconfirmed_alternatives`]).
    undecided: Vec<Range<usize>>,
}

impl Reader<'_> {
    fn section_kind(&self, pos: usize) -> Option<SectionKind> {
        section_at(&self.sections, pos).map(|s| s.kind)
    }

    fn in_date(&self, span: &Range<usize>) -> bool {
        self.dates.iter().any(|d| overlaps(d, span))
    }

    /// How the mention at `span` stands, and whether it rests on weak evidence (only a section
    /// heading, or a negation carried across a semicolon, says so).
    /// `None`: the mention is in a drug or allergy list, or inside a date, and is no fact.
    pub fn assertion(&self, text: &str, span: &Range<usize>) -> Option<(Assertion, bool)> {
        if self.in_date(span) {
            return None;
        }
        if self.undecided.iter().any(|u| overlaps(u, span)) {
            return Some((Assertion::Hypothetical, true));
        }
        let section = self.section_kind(span.start);
        if section == Some(SectionKind::Drugs) {
            return None;
        }
        let scope = self.idx.scope(span.start, span.end);
        // A table row is read by its header first: a mark in the No column is not a box
        // after the label.
        // A row that states the denial ("No dysphagia ..... ☑") is answered about the denial.
        let denial = denied_label(text, span.start, span.end);
        let grid = grid_cell(text, span.start, span.end);
        let field = grid
            .and_then(Column::answer)
            .or_else(|| answer_after(text, span.end).map(|a| a != denial))
            .or_else(|| box_before(text, span.start))
            .or_else(|| row_answer(text, span.end).map(|a| a != denial))
            .or_else(|| line_box(text, span.start, span.end).map(|a| a != denial))
            .or_else(|| tick_list(text, span.start, span.end));
        // A form's family-history question answered no, or left unanswered, asserts no
        // family history ("FH colorectal cancer    Y / [N]", "FH bowel cancer: not asked").
        let unanswered = field.is_none()
            && (grid == Some(Column::Unsure) || unanswered_question(text, span.start, span.end));
        // A symptom with its own course or grade straight after it is the patient's, even
        // in a line that opened with a family history ("FHx: mother CRC, dysphagia +++
        // (2/12)").
        let own = section != Some(SectionKind::Family) && own_course_after(text, span.end);
        if section == Some(SectionKind::Family) || (scope.family && !own) {
            return match field {
                Some(false) => Some((Assertion::Negated, false)),
                None if unanswered => Some((Assertion::Hypothetical, true)),
                _ => Some((Assertion::FamilyHistory, !scope.family)),
            };
        }
        match field {
            Some(true) if !scope.hypothetical => return Some((Assertion::Present, false)),
            Some(false) => return Some((Assertion::Negated, false)),
            None if unanswered => {
                // A question on a form nobody answered asserts nothing; weak, so a red flag
                // asked and left blank still keeps the letter from auto-routing.
                return Some((Assertion::Hypothetical, true));
            }
            _ => {}
        }
        if scope.hypothetical {
            return Some((Assertion::Hypothetical, false));
        }
        if scope.negated {
            return Some((Assertion::Negated, scope.negation_carried));
        }
        if scope.past {
            return Some((Assertion::ResolvedPast, false));
        }
        match section {
            Some(SectionKind::NegatedList) => Some((Assertion::Negated, true)),
            Some(SectionKind::Plan) => Some((Assertion::Hypothetical, true)),
            Some(SectionKind::Past) => {
                // The mention's sentence, within the section: a heading after it ("CURRENT
                // MEDICATION") says nothing of the history.
                let body = section_at(&self.sections, span.start)
                    .map_or(0..text.len(), |s| s.body.clone());
                let clause = self
                    .idx
                    .sentence_of(span.start)
                    .and_then(|i| self.idx.sentences().get(i))
                    .and_then(|r| {
                        let from = r.start.max(body.start);
                        text.get(from..r.end.min(body.end).max(from))
                    })
                    .unwrap_or("");
                if clearly_current(clause) {
                    Some((Assertion::Present, false))
                } else {
                    Some((Assertion::ResolvedPast, true))
                }
            }
            _ => Some((Assertion::Present, false)),
        }
    }

    fn present(&self, text: &str, span: &Range<usize>) -> bool {
        matches!(self.assertion(text, span), Some((Assertion::Present, _)))
    }
}

/// At most this many spans of evidence are kept for one fact.
const MAX_EVIDENCE_PER_FACT: usize = 10;

impl Extraction {
    fn add(&mut self, text: &str, fact: &str, span: Range<usize>) {
        let Some(snippet) = text.get(span.clone()) else {
            return;
        };
        let mut same_fact = self.evidence.iter().filter(|e| e.fact == fact);
        if same_fact.clone().count() >= MAX_EVIDENCE_PER_FACT
            || same_fact.any(|e| e.start == span.start && e.end == span.end)
        {
            return;
        }
        self.evidence.push(Evidence {
            fact: fact.to_string(),
            start: span.start,
            end: span.end,
            text: snippet.to_string(),
        });
    }

    /// Records a fact; a present one also goes into the rules' facts (`apply`) and the
    /// evidence. Values are applied by the caller, which picks the most abnormal reading.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        text: &str,
        kind: FactKind,
        (assertion, from_section): (Assertion, bool),
        value: Option<f64>,
        unit: Option<&str>,
        span: Range<usize>,
        apply: bool,
    ) {
        let Some(snippet) = text.get(span.clone()) else {
            return;
        };
        if self.mentions.len() < MAX_FACTS
            && !self
                .mentions
                .iter()
                .any(|f| f.kind == kind && f.start == span.start && f.end == span.end)
        {
            self.mentions.push(Fact {
                kind,
                assertion,
                value,
                unit: unit.map(str::to_string),
                start: span.start,
                end: span.end,
                text: snippet.to_string(),
                from_section,
            });
        }
        if assertion != Assertion::Present || !apply {
            return;
        }
        if let FactKind::Finding(f) = kind {
            self.facts.set(f, true);
        }
        self.add(text, kind.name(), span);
    }

    /// The evidence recorded for `fact`.
    pub fn evidence_for<'a>(&'a self, fact: &'a str) -> impl Iterator<Item = &'a Evidence> + 'a {
        self.evidence.iter().filter(move |e| e.fact == fact)
    }
}

pub(super) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The text up to `n` bytes either side of `span`, widened to character boundaries.
fn window(text: &str, from: usize, to: usize) -> &str {
    text.get(window_range(text, from, to)).unwrap_or("")
}

/// `from..to` widened to character boundaries and clipped to the text.
pub(super) fn window_range(text: &str, from: usize, to: usize) -> Range<usize> {
    let mut a = from.min(text.len());
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = to.min(text.len()).max(a);
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    a..b
}

/// A letter written as questions and answers ("Q: Ferritin?\nA: 19 ug/L", "Q: Haematemesis?\n
/// A: no") read as fields ("Q: Ferritin:    19 ug/L"): the question mark becomes a colon and
/// the line break and answer mark become spaces, so every offset stays the same.
fn join_questions_and_answers(text: String) -> String {
    static ANSWER: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(r"\?[ \t]*\r?\n[ \t]*(?:a|ans|answer)[ \t]*[:.)\-][ \t]*")
    });
    rewrite_matches(text, &ANSWER, |span| {
        span[0] = b':';
        span[1..].fill(b' ');
    })
}

/// `text` with every match of `re` edited in place by `edit`, which must replace ASCII bytes
/// with ASCII bytes only: the length, every offset and UTF-8 validity stay as they were.
fn rewrite_matches(text: String, re: &Regex, mut edit: impl FnMut(&mut [u8])) -> String {
    let spans: Vec<Range<usize>> = re.find_iter(&text).map(|m| m.range()).collect();
    if spans.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for span in spans {
        edit(&mut bytes[span]);
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// "fit 9 ug/g", "qfit: <4", "fit undetectable" in a letter written in lower case: the test,
/// written "FIT" so that the value reader (which takes a lower-case "fit" for the English word,
/// "fit and well") reads it. Same length, so every offset stays the same.
fn fit_in_lower_case(text: String) -> String {
    static LOWER_FIT: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build_with(
            r"\bq?fit(?:\s+(?:test|result|level|value|of))?\s*[:=]?\s*(?:[<>≤≥]\s*)?(?:\d|undetectable|not\s+detected|negative|positive)",
            false,
        )
    });
    rewrite_matches(text, &LOWER_FIT, |span| {
        let at = usize::from(span[0] == b'q');
        span[at..at + 3].copy_from_slice(b"FIT");
    })
}

/// A copy of `text` with OCR's `0` and `1` read as `o` and `l` where they stand inside a word
/// ("b1ood", "N0", "Shou1d"). Only single ASCII bytes change, so every offset is the same in
/// both strings.
pub fn normalise_ocr(text: &str) -> String {
    let bytes = text.as_bytes();
    let letter = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(|b| b.is_ascii_alphabetic())
    };
    let digit = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(|b| b.is_ascii_digit())
    };
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        // A token of digits and look-alike letters only ("1l2", "1O") is a number: the value
        // reader handles it. Otherwise it is a word, and a lone 0 or 1 in it is a letter.
        let is_word = bytes[start..i]
            .iter()
            .any(|b| b.is_ascii_alphabetic() && !matches!(b, b'l' | b'I' | b'O' | b'o'));
        // "1st", "1mg", "0kg": a number with its suffix, not a word.
        const SUFFIXES: &[&str] = &[
            "st", "nd", "rd", "th", "mg", "kg", "g", "l", "ml", "mcg", "x", "am", "pm", "y", "yo",
            "yr", "yrs", "wk", "wks", "d", "m", "f", "cm", "mm", "min", "u", "iu",
        ];
        let suffix = std::str::from_utf8(&bytes[start + 1..i])
            .unwrap_or("")
            .to_ascii_lowercase();
        if !is_word || (bytes[start].is_ascii_digit() && SUFFIXES.contains(&suffix.as_str())) {
            continue;
        }
        for j in start..i {
            let b = bytes[j];
            if !matches!(b, b'0' | b'1') {
                continue;
            }
            let (prev, next) = (j.checked_sub(1), Some(j + 1));
            if (letter(prev) || letter(next)) && !digit(prev) && !digit(next) {
                out[j] = if b == b'0' { b'o' } else { b'l' };
            }
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so this is still valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Reads the facts of `text`.
pub fn extract(original: &str) -> Extraction {
    // A two-column page read column by column, then misread words read back.
    let repaired = match super::columns::split(original) {
        Some(columns) => {
            let words = super::ocr_words::repair(columns.text());
            columns.then(words)
        }
        None => super::ocr_words::repair(original),
    };
    let norm = fit_in_lower_case(join_questions_and_answers(normalise_ocr(repaired.text())));
    let mut ex = extract_normalised(&norm);
    if repaired.changed() {
        // Spans found in the repaired text, moved back onto the letter as written.
        let back = |start: usize, end: usize| repaired.original_span(original, start, end);
        for e in &mut ex.evidence {
            (e.start, e.end) = back(e.start, e.end);
        }
        for m in &mut ex.mentions {
            (m.start, m.end) = back(m.start, m.end);
            if let Some(t) = original.get(m.start..m.end) {
                m.text = t.to_string();
            }
        }
        for u in &mut ex.unread {
            (u.start, u.end) = back(u.start, u.end);
        }
        for r in &mut ex.explained {
            let (start, end) = back(r.start, r.end);
            *r = start..end;
        }
    }
    for e in &mut ex.evidence {
        if let Some(t) = original.get(e.start..e.end) {
            e.text = t.to_string();
        }
    }
    for u in &mut ex.unread {
        super::screen::quote(original, u);
    }
    ex
}

fn extract_normalised(text: &str) -> Extraction {
    let ex = extract_with(text, Vec::new());
    let mut undecided = unconfirmed_alternatives(text, &ex);
    undecided.extend(answers_marked_in_error(text, &ex));
    if undecided.is_empty() {
        ex
    } else {
        extract_with(text, undecided)
    }
}

/// The family a mention's fact belongs to when a criterion offers alternatives: the anaemia
/// words are one ("iron-deficiency anaemia", "anaemia", "low ferritin"), a low Hb or
/// ferritin value confirms it; each other finding is its own.
fn alternative_family(f: &Fact) -> Option<FactKind> {
    match f.kind {
        FactKind::AnaemiaStated | FactKind::IdaStated | FactKind::IronDeficiencyStated => {
            Some(FactKind::IdaStated)
        }
        FactKind::Hb if f.value.is_some_and(|v| v < ANAEMIA_HB_MALE) => Some(FactKind::IdaStated),
        FactKind::Ferritin if f.value.is_some_and(|v| v < IRON_DEFICIENCY_FERRITIN) => {
            Some(FactKind::IdaStated)
        }
        FactKind::Finding(_) | FactKind::Melaena => Some(f.kind),
        _ => None,
    }
}

/// A form's ticked criterion that offers alternatives ("[X] Aged 60 and over with iron-
/// deficiency anaemia or change in bowel habit") says that one of them holds, not which.
/// Where the letter's own words confirm some of them (a change of bowel habit in the
/// history), the others named only on the ticked line are undecided: their spans. Where
/// none is confirmed, every alternative stays (the safe side).
fn unconfirmed_alternatives(text: &str, ex: &Extraction) -> Vec<Range<usize>> {
    let ticked: Vec<(&Fact, FactKind, Range<usize>)> = ex
        .mentions
        .iter()
        .filter(|f| f.assertion == Assertion::Present)
        .filter_map(|f| Some((f, alternative_family(f)?)))
        .filter(|(f, _)| line_box(text, f.start, f.end) == Some(true))
        .filter_map(|(f, family)| {
            let (start, line) = line_around(text, f.start, f.end)?;
            Some((f, family, start..start + line.len()))
        })
        .collect();
    let on_ticked_line = |f: &Fact| ticked.iter().any(|(_, _, line)| line.contains(&f.start));
    let confirmed: Vec<FactKind> = ex
        .mentions
        .iter()
        .filter(|f| f.assertion == Assertion::Present && !on_ticked_line(f))
        .filter_map(alternative_family)
        .collect();
    let mut undecided = Vec::new();
    for (_, _, line) in &ticked {
        let wording = text[line.clone()]
            .to_ascii_lowercase()
            .replace("and over", "")
            .replace("and above", "");
        // Alternatives only: "A or B", "A / B"; a line that also joins with "and" (one
        // finding required, others optional) is left as it is.
        if !(wording.contains(" or ") || wording.contains('/')) || wording.contains(" and ") {
            continue;
        }
        let here: Vec<&(&Fact, FactKind, Range<usize>)> =
            ticked.iter().filter(|(_, _, l)| l == line).collect();
        let mut families: Vec<FactKind> = Vec::new();
        for (_, k, _) in &here {
            if !families.contains(k) {
                families.push(*k);
            }
        }
        if families.len() < 2 || !families.iter().any(|k| confirmed.contains(k)) {
            continue;
        }
        undecided.extend(
            here.iter()
                .filter(|(_, k, _)| !confirmed.contains(k))
                .map(|(f, _, _)| f.start..f.end),
        );
    }
    undecided.sort_by_key(|r| (r.start, r.end));
    undecided.dedup();
    undecided
}

/// A form's yes withdrawn in a note below it: "'Dysphagia' was marked in error - denies any
/// dysphagia", "weight loss ticked by mistake". The rows above answered yes for the finding
/// the note names, and the note's own naming of it, assert nothing (what else the note says,
/// "denies any dysphagia", is read as written): their spans.
fn answers_marked_in_error(text: &str, ex: &Extraction) -> Vec<Range<usize>> {
    static IN_ERROR: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\b(?:marked|ticked|circled|entered|recorded|selected|checked|coded|answered)\s+(?:as\s+(?:yes|present)\s+)?(?:in\s+error|by\s+mistake|wrongly|incorrectly|erroneously)\b",
        )
    });
    let mut out = Vec::new();
    for m in IN_ERROR.find_iter(text).take(20) {
        let Some((line_start, _)) = line_around(text, m.start(), m.end()) else {
            continue;
        };
        let named: Vec<&Fact> = ex
            .mentions
            .iter()
            .filter(|f| f.start >= line_start && f.end <= m.start())
            .filter(|f| matches!(f.kind, FactKind::Finding(_) | FactKind::Melaena))
            .collect();
        for note in &named {
            out.push(note.start..note.end);
            out.extend(
                ex.mentions
                    .iter()
                    .filter(|f| f.kind == note.kind && f.end <= line_start)
                    .filter(|f| f.assertion == Assertion::Present)
                    .filter(|f| {
                        answer_after(text, f.end) == Some(true)
                            || line_box(text, f.start, f.end) == Some(true)
                            || box_before(text, f.start) == Some(true)
                    })
                    .map(|f| f.start..f.end),
            );
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    out.dedup();
    out
}

fn extract_with(text: &str, undecided: Vec<Range<usize>>) -> Extraction {
    let mut ex = Extraction::default();
    let dates = find_uk_dates(text);
    let (birth, letter) = find_birth_and_letter_dates(text);
    let ref_year = letter
        .map(|d| d.date.year())
        .or_else(|| dates.iter().map(|d| d.date.year()).max());
    let r = Reader {
        idx: ScopeIndex::new(text, sentences(text), ref_year),
        sections: sections(text),
        dates: dates.iter().map(|d| d.start..d.end).collect(),
        undecided,
    };

    findings(text, &r, &mut ex);
    ppi(text, &r, letter.map(|d| d.date), &mut ex);
    cirrhosis(text, &r, &mut ex);
    ibd_question(text, &r, &mut ex);
    ttg(text, &r, &mut ex);
    family_history(text, &r, &mut ex);

    // Sex before values: the anaemia threshold depends on it.
    let cues = sex_cues(text);
    ex.facts.sex = decide_sex(&cues);
    if let Some(c) = cues.iter().find(|c| Some(c.sex) == ex.facts.sex) {
        ex.record(
            text,
            FactKind::Sex,
            (Assertion::Present, false),
            None,
            None,
            c.start..c.end,
            true,
        );
    }

    // Age: a stated age that agrees with the date of birth, else the first stated age, else
    // the date of birth against the letter date.
    let dob_age = birth
        .zip(letter)
        .and_then(|(b, l)| age_at(b.date, l.date).map(|a| (a, b.start..b.end)));
    let stated: Vec<_> = age_mentions(text)
        .into_iter()
        .filter(|m| {
            let s = r.idx.scope(m.start, m.end);
            !s.family && !s.hypothetical && r.section_kind(m.start) != Some(SectionKind::Family)
        })
        .collect();
    let chosen = match dob_age {
        Some((a, ref span)) => stated
            .iter()
            .find(|m| m.within == 0 && m.age.abs_diff(a) <= 1)
            .map(|m| (m.age, m.start..m.end))
            // A decade that holds the date of birth's age ("in her 50s"): the exact age.
            .or_else(|| {
                stated
                    .iter()
                    .any(|m| m.within > 0 && (m.age..=m.age + m.within).contains(&a))
                    .then(|| (a, span.clone()))
            })
            .or_else(|| stated.first().map(|m| (m.age, m.start..m.end)))
            .or(Some((a, span.clone()))),
        None => stated.first().map(|m| (m.age, m.start..m.end)),
    };
    if let Some((age, span)) = chosen {
        ex.facts.age = Some(age);
        ex.record(
            text,
            FactKind::Age,
            (Assertion::Present, false),
            Some(f64::from(age)),
            Some("years"),
            span,
            true,
        );
    }

    for analyte in Analyte::ALL {
        lab_value(text, &r, analyte, &mut ex);
    }
    anaemia_words(text, &r, &mut ex);
    ex.unread = unread_words(text, &r, &ex.mentions, &ex.explained);
    ex
}

/// A mention that counts: about the patient, now, not denied, not hypothetical.
fn counts(s: &Scope) -> bool {
    s.asserted()
}

/// Every finding mentioned. Where mentions of two kinds overlap, the longer wins ("vomited
/// fresh blood" is haematemesis, not the "fresh blood" of rectal bleeding).
fn findings(text: &str, r: &Reader<'_>, ex: &mut Extraction) {
    let melaena = (FactKind::Melaena, &*MELAENA);
    let all = FINDING_REGEXES
        .iter()
        .map(|(f, re)| (FactKind::Finding(*f), re))
        .chain(std::iter::once(melaena));
    let mut mentions: Vec<(FactKind, Range<usize>)> = Vec::new();
    for (kind, re) in all {
        mentions.extend(re.find_iter(text).take(200).map(|m| (kind, m.range())));
    }
    // Two weights a fall apart ("weight 73 kg today, 78 kg in April").
    let weight_loss = FactKind::Finding(Finding::WeightLoss);
    mentions.extend(
        weight_falls(text)
            .into_iter()
            .map(|span| (weight_loss, span)),
    );
    // Longest first; then in reading order, so that equal spans keep the lexicon's order.
    mentions.sort_by_key(|(_, span)| (std::cmp::Reverse(span.len()), span.start));
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut kept: Vec<(FactKind, Range<usize>)> = Vec::new();
    for (kind, span) in mentions {
        if taken.iter().any(|t| overlaps(t, &span)) {
            continue;
        }
        taken.push(span.clone());
        kept.push((kind, span));
    }
    kept.sort_by_key(|(_, span)| span.start);
    // Blood described in a bracket straight after vomited or black blood is that blood, not
    // a rectal bleed: "haematemesis (fresh red blood)", "melaena (dark blood)".
    let vomited_or_black = |k: FactKind| {
        matches!(
            k,
            FactKind::Finding(Finding::Haematemesis) | FactKind::Melaena
        )
    };
    let describes_other_blood = |span: &Range<usize>| {
        kept.iter().any(|(other, o)| {
            vomited_or_black(*other)
                && o.end <= span.start
                && window(text, o.end, span.start)
                    .trim_start()
                    .strip_prefix('(')
                    .is_some_and(|inside| inside.len() <= 30 && !inside.contains(')'))
        })
    };
    let kept: Vec<(FactKind, Range<usize>)> = kept
        .iter()
        .filter(|(kind, span)| {
            *kind != FactKind::Finding(Finding::RectalBleeding) || !describes_other_blood(span)
        })
        .cloned()
        .collect();
    for (kind, span) in kept.iter().cloned() {
        if kind == FactKind::Finding(Finding::FattyLiver) && cause_of_cirrhosis(text, &span) {
            ex.explained.push(span);
            continue;
        }
        if kind == FactKind::Finding(Finding::WeightLoss) && explained_weight_loss(text, &span) {
            ex.explained.push(span);
            continue;
        }
        if refuted_on_review(text, r, kind, &span)
            || queried_then_denied(text, r, kind, &span, &kept)
        {
            ex.record(
                text,
                kind,
                (Assertion::Negated, false),
                None,
                None,
                span,
                true,
            );
            continue;
        }
        if let Some(mut assertion) = r.assertion(text, &span) {
            if assertion.0 == Assertion::Present && resolved_later(text, r, kind, &span, &kept) {
                assertion = (Assertion::ResolvedPast, false);
            }
            ex.record(text, kind, assertion, None, None, span, true);
        }
    }
}

/// A fatty-liver word naming a cirrhosis's cause ("MASLD-related cirrhosis", "Cirrhosis of
/// liver (MASLD-related)", "cirrhosis secondary to NAFLD"): the cirrhosis is the fact, not a
/// fatty liver seen on imaging.
fn cause_of_cirrhosis(text: &str, span: &Range<usize>) -> bool {
    static BEFORE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\bcirrho\w*(?:\s+of\s+(?:the\s+)?liver)?\s*(?:\(|-|–|,|secondary\s+to|due\s+to|from|caused\s+by|related\s+to|because\s+of)\s*$",
        )
    });
    static AFTER: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(r"^\s*[-–]?\s*(?:related|associated|induced)?\s*(?:liver\s+)?cirrho")
    });
    BEFORE.is_match(window(text, span.start.saturating_sub(40), span.start))
        || AFTER.is_match(window(text, span.end, span.end + 30))
}

/// A finding told at an earlier visit and said to be gone up to six sentences later, the later
/// mention pointing back at it: "At that visit he looked slightly jaundiced. ... I reviewed him
/// on 30/07. The jaundice has now gone and his bilirubin is normal."
fn resolved_later(
    text: &str,
    r: &Reader<'_>,
    kind: FactKind,
    span: &Range<usize>,
    kept: &[(FactKind, Range<usize>)],
) -> bool {
    static POINTS_BACK: once_cell::sync::Lazy<Regex> =
        once_cell::sync::Lazy::new(|| super::lexicon::build(r"\b(?:the|his|her|their|this)\s+$"));
    static GONE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"^\s+(?:has|had|have)\s+(?:now\s+|since\s+|completely\s+|fully\s+|all\s+)?(?:gone|resolved|settled|cleared|disappeared|faded)\b",
        )
    });
    kept.iter().any(|(k, later)| {
        *k == kind
            && later.start > span.end
            && r.idx.sentence_of(later.start) != r.idx.sentence_of(span.start)
            && near(&r.idx, span.start, later.start, 6)
            && POINTS_BACK.is_match(window(text, later.start.saturating_sub(12), later.start))
            && GONE.is_match(window(text, later.end, later.end + 40))
    })
}

/// Someone's worry or belief told before a mention in its sentence.
static WORRIED_BEFORE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(
        r"\b(?:thought|thinks|worried|worries|concerned|convinced|queried|wondered|feared)\b",
    )
});

/// Someone else's report told before a mention in its sentence: "His daughter mentioned
/// blood in the toilet", "Her mother said she was struggling to swallow", "family report wt
/// loss", "Her husband is sure she has lost weight".
static REPORTED_BEFORE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(
        r"\b(?:wife|husband|partner|daughter|son|mother|father|mum|dad|sister|brother|carer|carers|relatives?|family|friend|staff|nurse|neighbour|colleague|patient)\b[^.;]{0,30}?\b(?:said|says|mentioned|mentions|report|reported|reports|noticed|notices|described|describes|told\s+(?:me|us)|felt|feels|believed|believes|thinks|thought|(?:is|are|was|were)\s+(?:sure|certain|adamant|convinced)|insists?|insisted)\b",
    )
});

/// The writer's answer to a reported or queried finding, told after a "but" without naming
/// the finding: swallowing told as normal ("..., but on direct questioning he eats and drinks
/// normally"), an abdomen examined without a mass ("I thought I could feel a mass in the left
/// iliac fossa, but at visit 2 the abdomen was soft with no mass"), a weight unchanged
/// ("mother worried re wt loss but wt 77kg = same as Apr"), eyes found white ("his partner
/// thought he looked yellow last week, but his sclerae are white today").
fn answered_as_normal(kind: FactKind, answer: &str) -> bool {
    static SWALLOWS_NORMALLY: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\b(?:but|however)\b[^;]{0,80}?(?:\b(?:(?:eats?|eating)\s+and\s+drinks?|swallows?|swallowing|(?:food|it|everything)\s+goes\s+down)\s+(?:normally|fine|without\s+(?:any\s+)?(?:difficulty|problems?|trouble))\b|\bnormal\s+swallow)",
        )
    });
    static ABDOMEN_WITHOUT_MASS: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\b(?:but|however)\b[^;]{0,100}?\b(?:abdomen|abdo|tummy)\b[^;.]{0,40}?\bno\s+(?:palpable\s+)?(?:masses|mass|lumps?)\b",
        )
    });
    static WEIGHT_UNCHANGED: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\b(?:but|however)\b[^;]{0,60}?\b(?:weight|wt|weighs|weighed)\b[^;.]{0,40}?\b(?:stable|same\s+as|unchanged|steady|no\s+change|not\s+changed|maintained)\b",
        )
    });
    static NOT_YELLOW: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\b(?:but|however)\b[^;]{0,60}?\b(?:sclerae?\s+(?:are|were|is|was|look(?:s|ed)?)\s+(?:white|clear|anicteric|normal)|anicteric|not\s+(?:clinically\s+)?(?:jaundiced|yellow)|no\s+(?:clinical\s+)?jaundice)\b",
        )
    });
    match kind {
        FactKind::Finding(Finding::Dysphagia) => SWALLOWS_NORMALLY.is_match(answer),
        FactKind::Finding(Finding::Jaundice) => NOT_YELLOW.is_match(answer),
        FactKind::Finding(Finding::AbdominalMass) => ABDOMEN_WITHOUT_MASS.is_match(answer),
        FactKind::Finding(Finding::WeightLoss) => WEIGHT_UNCHANGED.is_match(answer),
        _ => false,
    }
}

/// A finding queried, worried about or reported by someone else, then denied by name in the
/// same sentence (or in the clause after its semicolon): "?blood in pan - beetroot, no PR
/// bleed"; "She was worried about "blood in the pan", but on questioning it was after eating
/// beetroot; no rectal bleeding"; "His daughter mentioned blood in the toilet, but this was
/// after eating beetroot and there has been no rectal bleeding"; or answered as normal
/// without naming it ([`answered_as_normal`]). The writer's denial is the answer.
fn queried_then_denied(
    text: &str,
    r: &Reader<'_>,
    kind: FactKind,
    span: &Range<usize>,
    kept: &[(FactKind, Range<usize>)],
) -> bool {
    let Some(si) = r.idx.sentence_of(span.start) else {
        return false;
    };
    let Some(reach) = r.idx.through_semicolon(si) else {
        return false;
    };
    let before = window(text, reach.start, span.start);
    let queried = before
        .trim_end()
        .trim_end_matches(['"', '\'', '‘', '“'])
        .ends_with('?')
        || WORRIED_BEFORE.is_match(before)
        || REPORTED_BEFORE.is_match(before);
    if !queried {
        return false;
    }
    let answer = window(text, span.end, reach.end.min(span.end + 160));
    if answered_as_normal(kind, answer) {
        return true;
    }
    // A mention of the same finding starting in `starts` and ending by `end_by`, denied.
    let denied_in = |starts: Range<usize>, end_by: usize| {
        kept.iter().any(|(k, later)| {
            *k == kind
                && starts.contains(&later.start)
                && later.end <= end_by
                && r.assertion(text, later)
                    .is_some_and(|(a, _)| a == Assertion::Negated)
        })
    };
    // The writer's answer in the next sentence, told as a correction: "His partner mentioned
    // weight loss when booking. On the scales, however, his weight is unchanged at 70 kg".
    static CORRECTION: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"^\s*(?:on\s+(?:the\s+)?scales|on\s+(?:direct\s+|further\s+)?questioning|on\s+(?:my\s+)?examination|in\s+fact|however)\b",
        )
    });
    let next = r.idx.sentences().get(si + 1).filter(|next| {
        next.start >= reach.end.saturating_sub(1)
            && next.start <= span.end + 160
            && CORRECTION.is_match(window(text, next.start, next.end))
    });
    if let Some(next) = next {
        let sentence = window(text, next.start, next.end);
        if answered_as_normal(kind, sentence) {
            return true;
        }
        return denied_in(next.clone(), next.end);
    }
    denied_in(span.end..span.end + 161, reach.end)
}

/// A finding someone else reported that the writer then refutes in the same sentence: "the
/// practice nurse thought she felt a lump in the abdomen, but on my examination the abdomen is
/// soft with no mass"; "optician queried jaundice - sclerae white on review".
fn refuted_on_review(text: &str, r: &Reader<'_>, kind: FactKind, span: &Range<usize>) -> bool {
    static BUT_ON_REVIEW: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\bbut\b[^;]{0,40}?\b(?:on\s+(?:my\s+|her\s+|his\s+|our\s+)?(?:own\s+)?(?:examination|review|exam|palpation|re-?examination|assessment)|when\s+I\s+(?:examined|reviewed|saw|assessed)|I\s+(?:could(?:\s+not|n't)|did(?:\s+not|n't)|cannot|can't)\s+(?:feel|find|confirm|palpate|see|elicit))\b[^;]{0,60}?\b(?:no|not|normal|white|nothing|unremarkable|anicteric)\b",
        )
    });
    static SCLERAE_WHITE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"^[^;,]{0,30}?\b(?:sclerae?\s+(?:are\s+|were\s+|is\s+|was\s+|look(?:ed)?\s+)?(?:white|clear|anicteric)|anicteric|not\s+(?:clinically\s+)?jaundiced)\b",
        )
    });
    // The rest of the mention's sentence.
    let Some(si) = r.idx.sentence_of(span.start) else {
        return false;
    };
    let end = r.idx.sentences()[si].end.min(span.end + 220);
    let sentence = window(text, span.end, end);
    // The refutation follows this mention itself: nothing but a few words and a comma between
    // them ("dysphagia, and the nurse felt a lump, but on my examination no mass" refutes the
    // lump, not the dysphagia).
    let refuted = BUT_ON_REVIEW.find(sentence).is_some_and(|m| {
        let gap = sentence[..m.start()].trim_end_matches([' ', ',', '\t']);
        gap.len() <= 30 && !gap.contains([',', '(', ')']) && !gap.contains(" and ")
    });
    if refuted || (kind == FactKind::Finding(Finding::Jaundice) && SCLERAE_WHITE.is_match(sentence))
    {
        return true;
    }
    // A worry told in one clause and refuted after a semicolon: "Carer thought his eyes
    // looked yellow; on examination the sclerae are white and he is not jaundiced".
    static ON_REVIEW_NEXT: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"^\s*(?:on\s+(?:my\s+|our\s+)?(?:examination|review|exam|palpation)|when\s+I\s+(?:examined|reviewed|saw)\s+(?:him|her|them))\b[^;.]{0,80}?\b(?:no|not|normal|white|clear|nothing|unremarkable|anicteric)\b",
        )
    });
    let bounds = &r.idx.sentences()[si];
    let rest_of_sentence = window(text, span.end, bounds.end);
    let Some(next) = r.idx.sentences().get(si + 1) else {
        return false;
    };
    rest_of_sentence.trim_end().ends_with(';')
        && rest_of_sentence.len() <= 80
        && WORRIED_BEFORE.is_match(window(text, bounds.start, span.start))
        && ON_REVIEW_NEXT.is_match(window(text, next.start, next.end))
}

/// Whether the value ending at byte `end` is followed by "or above", "or more", "and over"...:
/// a criterion's threshold, not a measurement.
fn is_threshold(text: &str, end: usize) -> bool {
    let after = window(text, end, end + 24).to_ascii_lowercase();
    let after = after.trim_start();
    [
        "or above",
        "or more",
        "or over",
        "or higher",
        "and above",
        "and over",
        "or greater",
        // "FIT below 10 or not available": a criterion's alternatives.
        "or not available",
        "or not done",
        "or unavailable",
        "or not known",
    ]
    .iter()
    .any(|p| after.starts_with(p))
}

/// The words that put an explanation after them: "explained by (his) ...", "due to ...".
static EXPLANATION_FRAME: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(
        r"\b(?:explained|accounted\s+for|caused|attributable|attributed|due|put\s+down)\s+(?:by|to)\s+(?:[a-z']+\s+){0,2}$",
    )
});

/// "Intentional weight loss", "dieting", "weight loss injections", "lost 6kg - intentional,
/// on slimming world": not unexplained. "Not intentional" and "unintentional" stay unexplained.
fn explained_weight_loss(text: &str, span: &Range<usize>) -> bool {
    let before = window(text, span.start.saturating_sub(30), span.start).to_ascii_lowercase();
    let after = window(text, span.end, span.end + 25).to_ascii_lowercase();
    // The rest of the clause after the mention, for an explanation given after it.
    let rest = window(text, span.end, span.end + 60).to_ascii_lowercase();
    let clause = rest.split(['.', '\n', ';']).next().unwrap_or("");
    let words = [
        "intentional",
        "intentionally",
        "deliberate",
        "deliberately",
        "dieting",
        "diet",
        "trying to",
        "slimming",
        "planned",
        "as intended",
        "was the aim",
        "on purpose",
    ];
    let said_in = |hay: &str| {
        words.iter().any(|w| {
            hay.match_indices(w).any(|(i, _)| {
                let lead = &hay[..i];
                let whole_word = i == 0 || !hay.as_bytes()[i - 1].is_ascii_alphabetic();
                let end = i + w.len();
                let word_ends = end >= hay.len() || !hay.as_bytes()[end].is_ascii_alphabetic();
                // "not intentional", "not through dieting", "without trying to"; and past
                // an explanation's frame, "it cannot be explained by his diet".
                // Contractions with or without their apostrophe: "isn't", "isn’t", "isnt".
                let reach = if EXPLANATION_FRAME.is_match(lead) {
                    7
                } else {
                    3
                };
                let denied = lead.split_whitespace().rev().take(reach).any(denial_word);
                whole_word && word_ends && !denied
            })
        })
    };
    let treatment = [
        "surgery",
        "injection",
        "medication",
        "programme",
        "jab",
        "drug",
        "clinic",
    ]
    .iter()
    .any(|w| after.trim_start().starts_with(w));
    // A weight-loss drug or service earlier in the same sentence: "started semaglutide
    // (Wegovy) through the weight management service in March and has lost 7 kg".
    let sentence_before =
        window(text, span.start.saturating_sub(160), span.start).to_ascii_lowercase();
    let sentence_before = sentence_before
        .rsplit(['.', '\n', ';'])
        .next()
        .unwrap_or("");
    let on_treatment = [
        "semaglutide",
        "wegovy",
        "ozempic",
        "tirzepatide",
        "mounjaro",
        "liraglutide",
        "saxenda",
        "orlistat",
        "weight management",
        "weight-loss injection",
        "weight loss injection",
        "bariatric",
        "gastric band",
        "gastric sleeve",
        "gastric bypass",
    ]
    .iter()
    .any(|w| {
        sentence_before.match_indices(w).any(|(i, _)| {
            let lead = window(sentence_before, i.saturating_sub(14), i);
            !["not ", "no ", "never", "stopped", "declined", "without"]
                .iter()
                .any(|d| lead.contains(d))
        })
    });
    said_in(&before) || said_in(clause) || treatment || on_treatment || put_down_to(text, span)
}

/// An explanation the writer gives later in the mention's sentence: "He lost 9 kg after his
/// wife died; he was barely eating with the grief, and we both put the loss down to that",
/// "the weight loss is explained by his new metformin". Not when it is denied ("nothing to
/// account for it", "cannot be explained by") or doubted after it ("she puts it down to
/// stress, but I am not convinced").
fn put_down_to(text: &str, span: &Range<usize>) -> bool {
    static EXPLAINED: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\b(?:puts?|putting)\s+(?:it|this|that|the\s+(?:weight\s+)?loss|(?:his|her|their)\s+(?:weight\s+)?loss)\s+down\s+to\b|\b(?:is|was|are|were|be|been)\s+(?:fully\s+|well\s+)?(?:explained|accounted\s+for)\s+by\b|\battribut(?:e|es|ed|ing)\s+(?:it|this|that|the\s+(?:weight\s+)?loss)\s+to\b",
        )
    });
    static DOUBTED: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\b(?:but|however|although|though)\b|\bnot\s+(?:convinced|sure|certain|satisfied)\b",
        )
    });
    // From a few words before the mention, which may itself be the explanation's object
    // ("we put the weight loss down to that"), to the end of its sentence.
    let lo = window_range(text, span.start.saturating_sub(16), span.start).start;
    let from = text[lo..span.start]
        .rfind(['.', '\n', ';'])
        .map_or(lo, |i| lo + i + 1);
    let hi = window_range(text, span.start, span.end + 240).end;
    let to = text[span.start..hi]
        .find(['.', '\n'])
        .map_or(hi, |i| span.start + i);
    let sentence = &text[from..to];
    EXPLAINED.find_iter(sentence).any(|m| {
        let denied = sentence[..m.start()]
            .split_whitespace()
            .rev()
            .take(2)
            .any(denial_word);
        !denied && !DOUBTED.is_match(&sentence[m.end()..])
    })
}

/// A word that denies what follows it: "not", "no", "without", "never", "cannot" and the
/// negative contractions, with or without their apostrophe ("isn't", "isn’t", "isnt").
fn denial_word(word: &str) -> bool {
    let w = word.replace(['\'', '’'], "").to_ascii_lowercase();
    matches!(
        w.trim_matches(|c: char| !c.is_ascii_alphabetic()),
        "not"
            | "no"
            | "without"
            | "nor"
            | "never"
            | "cannot"
            | "cant"
            | "couldnt"
            | "isnt"
            | "wasnt"
            | "hasnt"
            | "didnt"
    )
}

fn duration_days(n: &str, unit: &str) -> Option<u32> {
    let n = match n.to_ascii_lowercase().as_str() {
        "a" | "an" => 1,
        "few" | "a few" | "several" => 3,
        digits if digits.starts_with(|c: char| c.is_ascii_digit()) => digits.parse().ok()?,
        words => read_number_words(words).map(|(v, _)| v as u32)?,
    };
    let per = match unit.to_ascii_lowercase().as_str() {
        u if u.starts_with('d') => 1,
        u if u.starts_with('w') || u == "52" => 7,
        u if u.starts_with('m') || u == "12" => 30,
        u if u.starts_with('y') => 365,
        _ => return None,
    };
    Some(n * per)
}

/// Days from "since mid April" to the letter date: the month's most recent occurrence not
/// after the letter (or the year given), early 5th, mid 15th, late 25th, start 1st, end 28th,
/// the 15th when unqualified.
fn days_since_month(c: &regex::Captures<'_>, letter: NaiveDate) -> Option<u32> {
    let month = month_number(c.name("m")?.as_str())?;
    let day = match c.name("q").map(|q| q.as_str().to_ascii_lowercase()) {
        Some(q) if q == "early" => 5,
        Some(q) if q == "late" || q.ends_with("end of") => 25,
        Some(q) if q.contains("start") || q.contains("beginning") => 1,
        _ => 15,
    };
    let year = match c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()) {
        Some(y) => y,
        None if month > letter.month() => letter.year() - 1,
        None => letter.year(),
    };
    let start = NaiveDate::from_ymd_opt(year, month, day)?;
    u32::try_from((letter - start).num_days()).ok()
}

/// Nothing but a dose and how often it is taken: " 20 mg od ", " 30mg once daily for ".
static DOSE_ONLY: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(
        r"^\s*(?:\d+(?:\.\d+)?\s*(?:mg|micrograms?|mcg)?\s*)?(?:(?:od|bd|om|on|nocte|once|twice|daily|a|day|each|in|the|morning|evening|at|night|tds|qds|regularly|for|since|started|commenced|issued|from)\s+)*$",
    )
});

/// "since" right before a date: a course's start.
static COURSE_SINCE: once_cell::sync::Lazy<Regex> =
    once_cell::sync::Lazy::new(|| super::lexicon::build(r"\bsince\s*$"));
/// Words right before a date after a drug that make it the course's start.
static COURSE_STARTED: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(
        r"\b(?:started|commenced|begun|began|initiated|issued\s+from|from)(?:\s+on)?\s*:?\s*$",
    )
});

fn ppi(text: &str, r: &Reader<'_>, letter: Option<NaiveDate>, ex: &mut Extraction) {
    for m in PPI.find_iter(text) {
        let s = r.idx.scope(m.start(), m.end());
        if s.negated || s.family || s.hypothetical {
            continue;
        }
        let Some(si) = r.idx.sentence_of(m.start()) else {
            continue;
        };
        let bounds = r.idx.sentences()[si].clone();
        // Durations within reach of the mention, in its sentence.
        let sentence = window_range(
            text,
            m.start().saturating_sub(60).max(bounds.start),
            (m.end() + 60).min(bounds.end).max(m.end()),
        );
        let near_text = text.get(sentence.clone()).unwrap_or("");
        // Course lengths written out ("8/52", "3 months"), and, against the letter date, a
        // course's start ("since 22/08/2024", "since mid April"): (span in the window, days).
        let written = DURATION.captures_iter(near_text).filter_map(|c| {
            let (n, u) = match (c.name("n"), c.name("u")) {
                (Some(n), Some(u)) => (n.as_str(), u.as_str()),
                _ => (c.name("n2")?.as_str(), c.name("u2")?.as_str()),
            };
            let span = c.get(0)?.range();
            // "since 31/12/24": a date, not 31 months.
            if r.in_date(&(sentence.start + span.start..sentence.start + span.end)) {
                return None;
            }
            let days = duration_days(n, u)?;
            // "nearly four weeks", "just under 4/52": short of the length written.
            let short =
                SHORT_OF.is_match(window(near_text, span.start.saturating_sub(16), span.start));
            Some((span, if short { days.saturating_sub(1) } else { days }))
        });
        // The course's start: "since 22/08/2024" either side of the drug, and after it
        // "started on 4 February 2025", "(started 4/2/25)", "[issued from 31/12/24]".
        let drug_end = m.end() - sentence.start;
        let since_date = letter.into_iter().flat_map(move |letter| {
            find_uk_dates(near_text).into_iter().filter_map(move |d| {
                let lead = window(near_text, d.start.saturating_sub(24), d.start);
                let since = COURSE_SINCE.is_match(lead);
                if !(since || (d.start >= drug_end && COURSE_STARTED.is_match(lead))) {
                    return None;
                }
                Some((
                    d.start..d.end,
                    u32::try_from((letter - d.date).num_days()).ok()?,
                ))
            })
        });
        let since_month = letter.into_iter().flat_map(|letter| {
            SINCE_MONTH
                .captures_iter(near_text)
                .filter_map(move |c| Some((c.get(0)?.range(), days_since_month(&c, letter)?)))
        });
        let nearest = written
            .chain(since_date)
            .chain(since_month)
            .map(|(local, days)| {
                let span = sentence.start + local.start..sentence.start + local.end;
                let gap = if span.end <= m.start() {
                    m.start() - span.end
                } else {
                    span.start.saturating_sub(m.end())
                };
                (gap, days, span)
            })
            // The course's own length, written after its dose ("omeprazole 20 mg od x3/52"),
            // before a duration nearer on the other side ("dyspepsia x4/52 omeprazole ...").
            .min_by_key(|(gap, _, span)| {
                let after_dose =
                    span.start >= m.end() && DOSE_ONLY.is_match(window(text, m.end(), span.start));
                (!after_dose, *gap)
            });
        if let Some((gap, days, span)) = nearest {
            if gap <= 40 && days >= 28 {
                ex.record(
                    text,
                    FactKind::Finding(Finding::PpiFourWeeks),
                    (Assertion::Present, false),
                    Some(f64::from(days)),
                    Some("days"),
                    m.start().min(span.start)..m.end().max(span.end),
                    true,
                );
            }
        }
    }
}

/// Matches of `re` whose scope passes `keep`, as spans.
fn mentions(
    text: &str,
    r: &Reader<'_>,
    re: &Regex,
    keep: impl Fn(&Scope) -> bool,
) -> Vec<Range<usize>> {
    // At most 200: enough for any letter, and bounded for pathological input. Drug lists,
    // relatives' histories, plans and denied lists hold no fact about the patient now.
    re.find_iter(text)
        .filter(|m| {
            !r.in_date(&(m.start()..m.end()))
                && !matches!(
                    r.section_kind(m.start()),
                    Some(
                        SectionKind::Drugs
                            | SectionKind::Family
                            | SectionKind::Plan
                            | SectionKind::NegatedList
                    )
                )
                && keep(&r.idx.scope(m.start(), m.end()))
        })
        .map(|m| m.start()..m.end())
        .take(200)
        .collect()
}

fn near(idx: &ScopeIndex<'_>, a: usize, b: usize, sentences: usize) -> bool {
    match (idx.sentence_of(a), idx.sentence_of(b)) {
        (Some(x), Some(y)) => x.abs_diff(y) <= sentences,
        _ => false,
    }
}

fn cirrhosis(text: &str, r: &Reader<'_>, ex: &mut Extraction) {
    let known = mentions(text, r, &CIRRHOSIS, of_a_known_condition);
    // Known cirrhosis and a present sign of decompensation anywhere in the letter (the
    // cirrhosis is often in the problem list, the ascites in the history).
    let decomp: Vec<Range<usize>> = mentions(text, r, &DECOMPENSATION, counts)
        .into_iter()
        .filter(|d| r.present(text, d))
        .collect();
    if let (Some(c), Some(d)) = (known.first(), decomp.first()) {
        let kind = FactKind::Finding(Finding::DecompensatedCirrhosis);
        let present = (Assertion::Present, false);
        ex.record(text, kind, present, None, None, c.clone(), true);
        ex.record(text, kind, present, None, None, d.clone(), true);
    }
}

/// A known, lifelong condition and how it stands are still the patient's when they sit in a
/// background or past-history list: only a denial, a relative or a hypothetical takes them away.
fn of_a_known_condition(s: &Scope) -> bool {
    !s.negated && !s.family && !s.hypothetical
}

fn ibd_question(text: &str, r: &Reader<'_>, ex: &mut Extraction) {
    let known: Vec<Range<usize>> = mentions(text, r, &IBD, of_a_known_condition)
        .into_iter()
        .filter(|r| !SUSPECTED.is_match(window(text, r.start.saturating_sub(20), r.start)))
        .collect();
    if known.is_empty() || !IBD_QUESTION.is_match(text) {
        return;
    }
    // "Weight stable", "haemodynamically stable", "stable angina" say nothing of the IBD.
    static OTHER_SUBJECT: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"\b(?:weight|wt|weights|bmi|haemodynamically|hemodynamically|obs|observations|vitals|bloods|hb|haemoglobin|bp|blood pressure|renal function|egfr|ckd)\s*(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|remains\s+|remained\s+|:\s*)?$",
        )
    });
    // "No flares for 6 years" says the disease is quiet: its "no" denies the flares, not the
    // stability.
    let stable: Vec<Range<usize>> =
        mentions(text, r, &IBD_STABLE, |s| !s.family && !s.hypothetical)
            .into_iter()
            .filter(|m| {
                !r.idx.scope(m.start, m.end).negated
                    || text[m.clone()].to_ascii_lowercase().starts_with("no ")
            })
            .filter(|s| {
                !OTHER_SUBJECT.is_match(window(text, s.start.saturating_sub(30), s.start))
                    && !window(text, s.end, s.end + 8)
                        .to_ascii_lowercase()
                        .trim_start()
                        .starts_with("angina")
            })
            .collect();
    // "Stable" said of the disease: within three sentences of the diagnosis (a few short
    // denials may stand between), or in a sentence that names the
    // disease or its treatment ("His disease is stable", "Stable and well on adalimumab"),
    // the diagnosis itself being elsewhere (a problem list).
    let of_the_disease = |s: &Range<usize>| {
        r.idx
            .sentence_of(s.start)
            .and_then(|i| r.idx.sentences().get(i))
            .is_some_and(|sentence| IBD_REFERENCE.is_match(&text[sentence.clone()]))
    };
    // Words only a chronic inflammatory disease is said to be in ("in stable remission for 5
    // years", "no flares since 2019", "quiescent"; not "inactive", which heads problem lists)
    // speak of the known IBD wherever they stand in a letter that names it: a form's "Current
    // status:" line, a sentence of its own.
    static DISEASE_COURSE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(r"\b(?:remission|quiescent|flare-free|no flares?)\b")
    });
    let of_a_disease = |s: &Range<usize>| DISEASE_COURSE.is_match(&text[s.clone()]);
    for k in &known {
        if let Some(s) = stable
            .iter()
            .find(|s| near(&r.idx, k.start, s.start, 3) || of_the_disease(s) || of_a_disease(s))
        {
            let kind = FactKind::Finding(Finding::StableIbdQuestion);
            let present = (Assertion::Present, false);
            ex.record(text, kind, present, None, None, k.clone(), true);
            ex.record(text, kind, present, None, None, s.clone(), true);
            return;
        }
    }
}

fn clause_after(text: &str, from: usize, max: usize) -> &str {
    let w = window(text, from, from + max);
    let end = w.find(['.', ';', '\n', ',']).unwrap_or(w.len());
    &w[..end]
}

fn clause_before(text: &str, to: usize, max: usize) -> &str {
    let w = window(text, to.saturating_sub(max), to);
    let start = w.rfind(['.', ';', '\n', ',', '(']).map_or(0, |i| i + 1);
    &w[start..]
}

fn ttg(text: &str, r: &Reader<'_>, ex: &mut Extraction) {
    for m in TTG.find_iter(text) {
        if !r.present(text, &(m.start()..m.end())) {
            continue;
        }
        let after = clause_after(text, m.end(), 40);
        let before = clause_before(text, m.start(), 30);
        // A reference range is no result: "tTG 18 U/mL (normal <7)".
        if NEGATIVE_WORD.is_match(&REFERENCE_RANGE.replace_all(after, "")) {
            continue;
        }
        if POSITIVE_WORD.is_match(after)
            || POSITIVE_WORD.is_match(before)
            || ttg_number_raised(window(text, m.end(), m.end() + 40))
        {
            let end = m.end() + after.len();
            ex.record(
                text,
                FactKind::Finding(Finding::RaisedTtg),
                (Assertion::Present, false),
                None,
                None,
                m.start() - before.len()..end,
                true,
            );
        }
    }
}

/// Whether the word before byte `start` is "faecal" (or "fecal"), brackets allowed.
fn faecal_before(text: &str, start: usize) -> bool {
    let before = text[..start]
        .trim_end_matches([' ', '(', '\t'])
        .to_ascii_lowercase();
    before.ends_with("faecal") || before.ends_with("fecal")
}

/// A bracketed reference range: "(normal <7)", "(ref range 0-7)", "(NR < 10 U/mL)".
static REFERENCE_RANGE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(
        r"\((?:normal|ref(?:erence)?|nr|range|normal\s+range|ref\s+range|reference\s+range)\b[^()]{0,24}?\d[^()]{0,12}\)",
    )
});

/// "tTG 42 U/mL (ref <7)": above the reference limit, or above 10 U/mL when none is given.
fn ttg_number_raised(after: &str) -> bool {
    let after = &after[..after.find([';', '\n', ',']).unwrap_or(after.len())];
    let after = after.split(". ").next().unwrap_or(after);
    let numbers: Vec<f64> = after
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|t| t.trim_matches('.').parse::<f64>().ok())
        .collect();
    match numbers.as_slice() {
        [value, limit, ..] if after.contains('<') => value > limit,
        [value, ..] => *value > 10.0,
        [] => false,
    }
}

fn family_history(text: &str, r: &Reader<'_>, ex: &mut Extraction) {
    for m in CRC.find_iter(text) {
        let s = r.idx.scope(m.start(), m.end());
        // "Worried about bowel cancer as her mother died of it."
        let relative_after = RELATIVE.is_match(clause_after(text, m.end(), 60));
        let in_fh = r.section_kind(m.start()) == Some(SectionKind::Family);
        // A form's family-history question answered no or left unanswered.
        let answered_no = matches!(
            r.assertion(text, &(m.start()..m.end())),
            Some((Assertion::Negated, _) | (Assertion::Hypothetical, true))
        );
        if (s.family || relative_after || in_fh) && !s.negated && !s.hypothetical && !answered_no {
            ex.record(
                text,
                FactKind::Finding(Finding::FamilyHistoryCrc),
                (Assertion::Present, false),
                None,
                None,
                m.start()..m.end(),
                true,
            );
        }
    }
}

/// A grade or duration written straight after a symptom: "+++", "++", "(2/12)", "x 3/52",
/// "for 6 weeks", "since 3 days".
fn own_course_after(text: &str, end: usize) -> bool {
    static COURSE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"^[\t ]*(?:\+{2,3}|\(?[\t ]*(?:x[\t ]*)?\d{1,2}[\t ]*/[\t ]*(?:52|12|7)\b|(?:for|since|x)[\t ]+(?:the[\t ]+(?:last|past)[\t ]+)?(?:\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few)[\t ]+(?:days?|weeks?|months?|wks?|mths?)\b)",
        )
    });
    COURSE.is_match(window(text, end, end + 48))
}

static NEAR_NEGATION: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(
        r"\b(?:no|not|nil|without|never|awaiting|pending|declined)\s+(?:(?:a|any|recent|prior|previous|further|repeat|new|current|up-to-date)\s+)?$",
    )
});

/// Whether the past cues reaching a test result make it an old result: one before it ("Previous
/// results:", "In 2019 her ALT was 450"), or a date or "resolved" right after it ("calprotectin
/// 480 in 2019"). A date further on belongs to a finding written after the result in a run of
/// text ("Hb 98 ferritin 9 CRP 2 melaena x1 in 2009"), and a statement that an episode has not
/// come back ("nil since") speaks of a symptom, not of a result.
fn result_dated_past(s: &Scope) -> bool {
    s.past_before || s.past_after_words.is_some_and(|w| w <= 3)
}

/// Words between a test and its value that tell it as an earlier value ("Hb was 92").
static EARLIER_VALUE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(r"\b(?:was|were|had\s+been|previously|used\s+to\s+be)\b")
});

/// A word right before a test that tells its value as an earlier one ("(prev Hb 110 g/L June
/// 2023)", "previous ALT 70"). Not "last": "her last Hb" is the latest.
static EARLIER_BEFORE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(r"\b(?:prev|previous|previously|earlier|old)\.?\)?[\t ]*:?[\t ]*$")
});

/// Words before a test, in its clause, that tell its value as the latest of several ("Repeat,
/// most recent: ALT 220", "on repeat this month (the latest result) ALT: 104").
static LATEST_BEFORE: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
    super::lexicon::build(
        r"\b(?:most\s+recent(?:ly)?|latest|repeat(?:ed)?|re-?checked|recheck|current(?:ly)?|now|today|this\s+(?:week|month))\b[^.;\n]{0,40}$",
    )
});

/// Whether the clause before the test at `at` tells its value as the latest one.
fn told_as_latest(text: &str, at: usize) -> bool {
    let before = window(text, at.saturating_sub(60), at);
    let clause = before
        .rfind(['.', ';', '\n'])
        .map_or(before, |i| &before[i + 1..]);
    LATEST_BEFORE.is_match(clause)
}

/// One asserted value of a test, as [`lab_value`] weighs it.
struct AssertedValue {
    value: f64,
    span: Range<usize>,
    /// The date of its results-table row, if it has one.
    date: Option<NaiveDate>,
    /// Told as an earlier value ("Hb was 92", "prev Hb 110").
    earlier: bool,
    /// Told as the latest ("most recent: ALT 220", "has fallen from 136 to 98").
    latest: bool,
}

/// The most abnormal asserted reading of an analyte (lowest Hb and ferritin, highest FIT,
/// calprotectin and ALT).
///
/// Where every asserted reading stands on its own line with a date after it (a results table
/// with one row per test date: "ALT  45  U/L  10-50  30/10/2023", "ALT  38 ...  25/12/2023"),
/// only the latest date's rows count: the newest result decides, as in a written series.
fn lab_value(text: &str, r: &Reader<'_>, analyte: Analyte, ex: &mut Extraction) {
    let mut asserted: Vec<AssertedValue> = Vec::new();
    let kind = analyte.fact_kind();
    for m in keyword_regex(analyte).find_iter(text).take(200) {
        let s = r.idx.scope(m.start(), m.end());
        if r.in_date(&(m.start()..m.end())) {
            continue;
        }
        // "FIT (faecal Hb) 5", "faecal haemoglobin 12": the FIT's own name, not a blood count.
        if analyte == Analyte::Hb && faecal_before(text, m.start()) {
            continue;
        }
        let Some(reading) = scan_value(text, m.end(), analyte) else {
            continue;
        };
        // Old and new results side by side: the latest date's column is the result.
        let reading = latest_in_dated_table(text, m.end(), analyte).unwrap_or(reading);
        if !reading.value.is_finite() {
            continue;
        }
        // A threshold is no result: "FIT result 10 ug Hb/g or above" on a criteria form, a
        // criterion line whose box is left empty or whose No is chosen ("FIT >= 10 Yes / (No)").
        if is_threshold(text, reading.end)
            || chosen_option(text, reading.end) == Some(false)
            || line_box(text, m.start(), reading.end) == Some(false)
            || tick_list(text, m.start(), reading.end) == Some(false)
        {
            continue;
        }
        // A list of denied symptoms does not deny a result further on ("No rectal bleeding,
        // weight stable, FIT 12"): only a negation right before the test does ("no FIT").
        let negated = s.negated
            && NEAR_NEGATION.is_match(window(text, m.start().saturating_sub(16), m.start()));
        let section = r.section_kind(m.start());
        // A relative named after the value in its clause: "the Hb of 94 g/L on the first
        // request form belongs to his wife" (the clause is counted from the value's end).
        let relatives = s.family || r.idx.scope(m.start(), reading.end).family;
        let assertion = if relatives || section == Some(SectionKind::Family) {
            Assertion::FamilyHistory
        } else if s.hypothetical {
            Assertion::Hypothetical
        } else if negated {
            Assertion::Negated
        } else if s.past && result_dated_past(&s) && !reading.current {
            Assertion::ResolvedPast
        } else {
            Assertion::Present
        };
        let span = m.start()..reading.end;
        let unit = text
            .get(reading.value_end..reading.end)
            .map(str::trim)
            .filter(|u| !u.is_empty());
        ex.record(
            text,
            kind,
            (assertion, false),
            Some(reading.value),
            unit,
            span,
            false,
        );
        if assertion != Assertion::Present {
            continue;
        }
        let row_date =
            value_date_after(text, reading.end).or_else(|| row_date_after(text, reading.end));
        let told_as_earlier = !reading.current
            && (EARLIER_VALUE.is_match(text.get(m.end()..reading.value_end).unwrap_or(""))
                || EARLIER_BEFORE.is_match(window(text, m.start().saturating_sub(16), m.start())));
        asserted.push(AssertedValue {
            value: reading.value,
            span: m.start()..reading.end,
            date: row_date,
            earlier: told_as_earlier,
            latest: reading.current || told_as_latest(text, m.start()),
        });
    }
    // "First check: ALT 340. Repeat, most recent: ALT 220": where the letter tells one value
    // of the test as the latest, the others are earlier ones.
    if asserted.iter().any(|a| a.latest) && asserted.iter().any(|a| !a.latest) {
        asserted.retain(|a| a.latest);
    }
    // "Hb now 149 g/L ...; Hb was 92 g/L in February", "Hb 142 ... (prev Hb 110 g/L June
    // 2023)": a value told as an earlier one gives way to a value of the same test that is not.
    if asserted.iter().any(|a| !a.earlier) {
        asserted.retain(|a| !a.earlier);
    }
    let dates: Vec<NaiveDate> = asserted.iter().filter_map(|a| a.date).collect();
    let latest = dates.iter().max().copied();
    let dated_rows = asserted.len() >= 2
        && dates.len() == asserted.len()
        && dates.iter().any(|d| Some(*d) != latest);
    let best = asserted
        .into_iter()
        .filter(|a| !dated_rows || a.date == latest)
        .reduce(|b, c| {
            let worse = match analyte {
                Analyte::Hb | Analyte::Ferritin => c.value < b.value,
                _ => c.value > b.value,
            };
            if worse {
                c
            } else {
                b
            }
        });
    if let Some(AssertedValue { value, span, .. }) = best {
        let slot = match analyte {
            Analyte::Hb => &mut ex.facts.hb,
            Analyte::Ferritin => &mut ex.facts.ferritin,
            Analyte::Fit => &mut ex.facts.fit,
            Analyte::Calprotectin => &mut ex.facts.calprotectin,
            Analyte::Alt => &mut ex.facts.alt,
        };
        *slot = Some(value);
        ex.add(text, analyte.name(), span);
    }
}

/// The date a result was taken, written straight after it (past its unit, in brackets or
/// after "on", "in", "dated"): "ALT 352 U/L (7 August 2024)", "Hb 14.2 g/dL on 29 May 2024",
/// "ALT 182 in August 2025" (a month and year: its first day). Reading stops at the end of
/// the clause, so a date further on belongs to something else.
fn value_date_after(text: &str, value_end: usize) -> Option<NaiveDate> {
    static LEAD: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"^[\t ]*(?:[a-zµμ/%]{1,8}[\t ]*){0,2}(?:\([\t ]*|[,\-–][\t ]*)?(?:(?:on|in|dated|taken(?:\s+on)?|from)[\t ]+)?$",
        )
    });
    static MONTH_YEAR: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(&format!(
            r"\b(?P<m>{MONTH_NAME})\.?[\t ]+(?P<y>(?:19|20)\d\d)\b"
        ))
    });
    let rest = window(text, value_end, value_end + 40);
    let end = rest.find(['\n', ';']).unwrap_or(rest.len());
    let clause = &rest[..end];
    let full = find_uk_dates(clause)
        .into_iter()
        .next()
        .map(|d| (d.start, d.date));
    let month_year = MONTH_YEAR.captures(clause).and_then(|c| {
        let month = month_number(c.name("m")?.as_str())?;
        let year = c.name("y")?.as_str().parse().ok()?;
        Some((c.get(0)?.start(), NaiveDate::from_ymd_opt(year, month, 1)?))
    });
    let (start, date) = [full, month_year]
        .into_iter()
        .flatten()
        .min_by_key(|(start, _)| *start)?;
    LEAD.is_match(&clause[..start]).then_some(date)
}

/// The date standing last on the line of a result (a results table's date column), when the
/// line holds exactly one date after the value.
fn row_date_after(text: &str, value_end: usize) -> Option<NaiveDate> {
    let line_end = text[value_end..]
        .find('\n')
        .map_or(text.len(), |i| value_end + i);
    match find_uk_dates(&text[value_end..line_end]).as_slice() {
        [one] => Some(one.date),
        _ => None,
    }
}

/// A form's row label ending at `end` (an optional bracket, then leader dots or a colon)
/// whose answer on the line is not a plain yes.
fn label_not_answered_yes(text: &str, end: usize) -> bool {
    static LABEL_ROW: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(
            r"^[\t ]*(?:\([^)\n]{0,40}\))?[\t ]*(?:\.{2,}|…+|:)[\t .…:]*(?P<answer>[^\n]*)",
        )
    });
    static YES: once_cell::sync::Lazy<Regex> = once_cell::sync::Lazy::new(|| {
        super::lexicon::build(r"^\(?(?:yes|y|present|confirmed|known)\)?(?:[\s,.;:\-–]|$)|^[✓✔+]")
    });
    let Some(c) = LABEL_ROW.captures(window(text, end, end + 200)) else {
        return false;
    };
    let answer = c.name("answer").map_or("", |a| a.as_str()).trim();
    !answer.is_empty() && !YES.is_match(answer)
}

/// "IDA", "anaemic", "iron deficient" stated without the numbers: recorded as values just
/// inside the thresholds, so that the rules read them as the letter states them.
fn anaemia_words(text: &str, r: &Reader<'_>, ex: &mut Extraction) {
    let hb_threshold = match ex.facts.sex {
        Some(Sex::Female) => ANAEMIA_HB_FEMALE,
        _ => ANAEMIA_HB_MALE,
    };
    // "Iron deficiency anaemia" is one mention, not also "iron deficiency" and "anaemia".
    let ida_spans = mentions(text, r, &IDA, |_| true);
    let mut read = |re: &Regex, kind: FactKind| {
        let spans: Vec<Range<usize>> = mentions(text, r, re, |_| true)
            .into_iter()
            .filter(|span| {
                kind == FactKind::IdaStated || !ida_spans.iter().any(|i| overlaps(i, span))
            })
            // A form's row that asks for the numbers ("Iron deficiency anaemia (Hb /
            // ferritin) .... Hb 13.7 g/dL, ferritin 75", "... FBC not done yet") states
            // nothing unless it is answered yes; the numbers are read as results.
            .filter(|span| !label_not_answered_yes(text, span.end))
            .filter_map(|span| {
                let a = r.assertion(text, &span)?;
                ex.record(text, kind, a, None, None, span.clone(), false);
                (a.0 == Assertion::Present).then_some(span)
            })
            .collect();
        spans
    };
    let ida = read(&IDA, FactKind::IdaStated);
    let anaemia = read(&ANAEMIA, FactKind::AnaemiaStated);
    let iron = read(&IRON_DEFICIENT, FactKind::IronDeficiencyStated);
    if let Some(span) = ida.first().or(anaemia.first()) {
        if ex.facts.hb.is_none() {
            ex.facts.hb = Some(hb_threshold - 1.0);
            ex.add(text, "hb", span.clone());
        }
    }
    if let Some(span) = ida.first().or(iron.first()) {
        if ex.facts.ferritin.is_none() {
            ex.facts.ferritin = Some(IRON_DEFICIENCY_FERRITIN - 1.0);
            ex.add(text, "ferritin", span.clone());
        }
    }
    if let Some(span) = ida.first() {
        ex.add(text, "ida", span.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_normalisation_keeps_offsets_and_numbers() {
        assert_eq!(
            normalise_ocr("b1ood N0 Shou1d 1oss"),
            "blood No Should loss"
        );
        assert_eq!(
            normalise_ocr("Hb 1l2 l00mcg 10mg F1T 1st 1mg"),
            "Hb 1l2 l00mcg 10mg FlT 1st 1mg"
        );
        let s = "é1a 0";
        assert_eq!(normalise_ocr(s).len(), s.len());
    }

    #[test]
    fn age_from_unlabelled_letter_date_and_dob() {
        let text =
            "From The Elms (F75404) 1st August 2023 re Mr Smith DOB 29 September 1975 NHS no 999";
        assert_eq!(extract(text).facts.age, Some(47));
    }
}
