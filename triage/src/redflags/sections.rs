//! Section headings and what they say about the findings under them.
//!
//! GP letters and system exports put findings under headings: "PMH:" (past, unless the text
//! says it is current), "FH:" (a relative's), "DH:"/"Medication:" (drug names, never a
//! symptom), "O/E:" (examination: present), "Plan:"/"Advice:"/"Safety-netting:" (what might
//! happen: hypothetical), and lists introduced by "Denies:" or "No:" (each item negated).
//! A section runs from its heading to the next heading or a blank line (blank lines right
//! after a heading that stands on its own line are skipped).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::build;

/// What a heading says about the findings under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// History of the presenting complaint, examination, results, assessment: as written.
    Current,
    /// Past medical history: past, unless clearly current ("ongoing", "active").
    Past,
    /// Family history.
    Family,
    /// Drug history, medication and allergy lists, social history: no symptoms here.
    Drugs,
    /// Plan, advice, safety-netting: hypothetical.
    Plan,
    /// A list introduced by "Denies:", "No:", "Negative for:": every item negated.
    NegatedList,
}

/// A section of the letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading's own words.
    pub heading: Range<usize>,
    /// From the end of the heading to the end of the section.
    pub body: Range<usize>,
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?m)^[ \t]*(?:[-*•·]\s*)?(?P<h>(?:past\s+medical\s+history|past\s+medical\s+hx|past\s+history|medical\s+history|previous\s+medical\s+history|pmhx?|p\.m\.h\.?|ph|pmh/psh|past\s+problems|(?:significant|declared|relevant|other|known)\s+past\s+(?:medical\s+)?history|background)|(?:active\s+problems|current\s+problems|problems?(?:\s+list)?|presenting\s+complaint|pc|hpc|history(?:\s+of\s+presenting\s+complaint)?|hx|reason\s+for\s+referral|clinical\s+details|clinical\s+information|symptoms(?:\s+and\s+signs)?|s|a|impression|assessment|results|bloods|investigations|recent\s+(?:bloods|results|investigations)|o/e|oe|on\s+examination|examination|exam|o)|(?:family\s+history|family\s+hx|fhx?|f/h)|(?:drug\s+history|dhx?|medications?|current\s+medications?|repeat\s+medications?|acute\s+medications?|meds|current\s+meds|rx|allerg(?:y|ies)|social\s+history|shx?)|(?:plan|p|management|advice(?:\s+given)?|safety[\s\-]?net(?:ting)?|safety[\s\-]?netted|action|actions|follow[\s\-]?up)|(?:denies|no|nil|negative\s+for|absent|not\s+reported|red\s+flags?\s+(?:absent|denied|negative|screen\s+negative)))\s*(?P<end>:|-\s|$)",
    )
});

/// Any "Word words:" heading at a line start, a short capitalised line standing alone
/// ("Consultation", "Medication") or a banner ("-- Consultation --", "== Results =="), ends
/// the section before it.
static ANY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    super::lexicon::build_with(
        r"(?m)^[ \t]*(?:[A-Za-z](?:[A-Za-z /&'\-]|\([A-Za-z0-9 /&'\-]{0,24}\)){0,30}:|[A-Z][A-Za-z/&]{2,20}(?: [A-Za-z/&]{2,20})?[ \t]*$|[-=*#]{2,}[ \t]*[A-Za-z][A-Za-z /&]{1,30}?[ \t]*[-=*#]{2,}[ \t]*$)",
        false,
    )
});

/// A relative's label at a line's start: "Father:", "Maternal aunt:", "Brother (twin):".
static RELATIVE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"^[ \t]*(?:(?:maternal|paternal|older|younger|elder|eldest|late|twin)\s+)?(?:father|mother|dad|mum|brothers?|sisters?|siblings?|sons?|daughters?|aunts?|uncles?|grandfather|grandmother|grandparents?|cousins?|parents?|twin)\s*(?:\([^)\n]{0,24}\)\s*)?:$",
    )
});

fn kind_of(heading: &str) -> SectionKind {
    let h = heading.to_ascii_lowercase();
    let h = h.trim();
    // "Declared past history", "Relevant past medical history": the qualifier says nothing.
    let h = ["declared ", "relevant ", "other ", "known "]
        .iter()
        .find_map(|q| h.strip_prefix(q))
        .unwrap_or(h)
        .trim_start();
    let starts = |xs: &[&str]| xs.iter().any(|x| h.starts_with(x));
    if starts(&["family", "fh", "f/h"]) {
        SectionKind::Family
    } else if starts(&[
        "drug",
        "dh",
        "medication",
        "current med",
        "repeat med",
        "acute med",
        "meds",
        "rx",
        "allerg",
        "social",
        "sh",
    ]) {
        SectionKind::Drugs
    } else if starts(&[
        "past",
        "medical history",
        "previous",
        "pmh",
        "p.m.h",
        "significant past",
    ]) || h == "ph"
    {
        SectionKind::Past
    } else if starts(&["plan", "management", "advice", "safety", "action", "follow"]) || h == "p" {
        SectionKind::Plan
    } else if starts(&[
        "denies",
        "negative for",
        "absent",
        "not reported",
        "red flag",
    ]) || h == "no"
        || h == "nil"
    {
        SectionKind::NegatedList
    } else {
        SectionKind::Current
    }
}

/// The sections of `text`, in order. Text before the first heading is in no section.
pub fn sections(text: &str) -> Vec<Section> {
    // (heading, body start, kind, whether it is a relative's label like "Father:")
    let mut heads: Vec<(Range<usize>, usize, Option<SectionKind>, bool)> = Vec::new();
    for c in HEADING.captures_iter(text) {
        let (Some(h), Some(end)) = (c.name("h"), c.name("end")) else {
            continue;
        };
        let kind = kind_of(h.as_str());
        // A negated list is only a heading when it stands alone ("Denies:" then bullets).
        if kind == SectionKind::NegatedList {
            let rest = &text[end.end()..];
            let line_rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
            if !line_rest.trim().is_empty() {
                continue;
            }
        }
        // Single letters (SOAP "S:", "P:") need the colon.
        if h.as_str().len() == 1 && end.as_str() != ":" {
            continue;
        }
        heads.push((h.start()..h.end(), end.end(), Some(kind), false));
    }
    for m in ANY_HEADING.find_iter(text) {
        if !heads
            .iter()
            .any(|(h, _, _, _)| h.start >= m.start() && h.start < m.end())
        {
            let relative = RELATIVE_LABEL.is_match(m.as_str());
            heads.push((m.start()..m.end(), m.end(), None, relative));
        }
    }
    heads.sort_by_key(|h| h.0.start);
    let mut out = Vec::new();
    for (i, (heading, body_start, kind, _)) in heads.iter().enumerate() {
        let Some(kind) = kind else { continue };
        // A family history's entries are labelled by the relative ("Father: oesophageal
        // cancer aged 71 - had trouble swallowing"): they are its body, not new headings.
        let next_heading = heads[i + 1..]
            .iter()
            .find(|h| !(*kind == SectionKind::Family && h.3))
            .map_or(text.len(), |h| line_start(text, h.0.start));
        let end = section_end(text, *body_start, *kind).min(next_heading);
        // A heading with its content on the same line ("Allergies: NKDA", "DH: ramipril") is a
        // one-line field: the section is that line and the list items or indented lines that
        // follow it, never the free text after.
        let line_end = text[*body_start..]
            .find('\n')
            .map_or(text.len(), |i| body_start + i);
        let inline = !text[*body_start..line_end].trim().is_empty();
        let end = if inline {
            end.min(continuation_end(text, line_end))
        } else {
            end
        };
        out.push(Section {
            kind: *kind,
            heading: heading.clone(),
            body: *body_start..end.max(*body_start),
        });
    }
    out
}

/// From the end of a field's line: past the following list items and indented lines.
fn continuation_end(text: &str, line_end: usize) -> usize {
    let mut pos = line_end;
    while pos < text.len() {
        let next = pos + 1;
        let end = text[next.min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| next + i);
        let line = &text[next.min(text.len())..end];
        let item = line.starts_with([' ', '\t'])
            || line
                .trim_start()
                .starts_with(['-', '*', '•', '·', '–', '○']);
        if line.trim().is_empty() || !item {
            return pos;
        }
        pos = end;
    }
    text.len()
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// Where a section whose body starts at `from` ends: at a blank line (after the first
/// non-blank line), or, for a negated list, at the first line that is not a list item.
fn section_end(text: &str, from: usize, kind: SectionKind) -> usize {
    let mut pos = from;
    let mut seen_content = !text[from..text[from..].find('\n').map_or(text.len(), |i| from + i)]
        .trim()
        .is_empty();
    let mut first_line = true;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        if !first_line {
            let t = line.trim();
            if t.is_empty() {
                if seen_content {
                    return pos;
                }
            } else {
                if kind == SectionKind::NegatedList
                    && !t.starts_with(['-', '*', '•', '·', '–', '○'])
                    && !line.starts_with([' ', '\t'])
                {
                    return pos;
                }
                seen_content = true;
            }
        }
        first_line = false;
        pos = line_end + 1;
    }
    text.len()
}

/// The section holding byte `pos`, if any.
pub fn section_at(sections: &[Section], pos: usize) -> Option<&Section> {
    sections
        .iter()
        .rev()
        .find(|s| s.body.start <= pos && pos < s.body.end)
}

/// Words that make a past-history mention current ("PMH: ongoing reflux").
pub fn clearly_current(clause: &str) -> bool {
    static CURRENT: LazyLock<Regex> = LazyLock::new(|| {
        build(
            r"\b(?:ongoing|current|currently|active|now|still|persistent|persisting|worsening|recent|recently|new|this\s+(?:week|month)|presenting|present|last\s+\d+\s+(?:days|weeks|months))\b|\b(?:for|over|x)\s*(?:the\s+(?:last|past)\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a\s+few)\s*(?:/52|/12|/7|days?|weeks?|wks?|months?|mths?)",
        )
    });
    CURRENT.is_match(clause)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_at(text: &str, word: &str) -> Option<SectionKind> {
        let s = sections(text);
        let pos = text.find(word)?;
        section_at(&s, pos).map(|s| s.kind)
    }

    #[test]
    fn headings_and_their_kinds() {
        let t = "HPC: 3 weeks of dysphagia.\nPMH: rectal bleeding, hypertension\nFH: bowel cancer\nDH: omeprazole 20mg OD\nO/E: jaundiced\nPlan: review if weight loss\n";
        assert_eq!(kind_at(t, "dysphagia"), Some(SectionKind::Current));
        assert_eq!(kind_at(t, "rectal"), Some(SectionKind::Past));
        assert_eq!(kind_at(t, "bowel cancer"), Some(SectionKind::Family));
        assert_eq!(kind_at(t, "omeprazole"), Some(SectionKind::Drugs));
        assert_eq!(kind_at(t, "jaundiced"), Some(SectionKind::Current));
        assert_eq!(kind_at(t, "weight loss"), Some(SectionKind::Plan));
    }

    #[test]
    fn headings_on_their_own_line_and_blank_lines() {
        let t = "Past Medical History\n- haematemesis 2012\n- GORD\n\nShe now has dysphagia.";
        assert_eq!(kind_at(t, "haematemesis"), Some(SectionKind::Past));
        assert_eq!(kind_at(t, "GORD"), Some(SectionKind::Past));
        assert_eq!(kind_at(t, "dysphagia"), None);
        let t = "S: PR bleed 2/52\nO: abdo soft\nA: ?piles\nP: FIT";
        assert_eq!(kind_at(t, "PR bleed"), Some(SectionKind::Current));
        assert_eq!(kind_at(t, "FIT"), Some(SectionKind::Plan));
    }

    #[test]
    fn one_line_fields_do_not_swallow_the_text_after_them() {
        let t = "Allergies: NKDA\nPresenting with haematemesis x2.\nDH: omeprazole\n  ramipril\nVomited blood today.";
        assert_eq!(kind_at(t, "haematemesis"), None);
        assert_eq!(kind_at(t, "ramipril"), Some(SectionKind::Drugs));
        assert_eq!(kind_at(t, "Vomited"), None);
        let t = "Medication\nPropranolol 40mg BD\nConsultation\nShifting dullness.";
        assert_eq!(kind_at(t, "Propranolol"), Some(SectionKind::Drugs));
        assert_eq!(kind_at(t, "Shifting"), None);
    }

    #[test]
    fn negated_lists() {
        let t = "Denies:\n- dysphagia\n- weight loss\n• PR bleeding\nReports bloating.";
        assert_eq!(kind_at(t, "dysphagia"), Some(SectionKind::NegatedList));
        assert_eq!(kind_at(t, "PR bleeding"), Some(SectionKind::NegatedList));
        assert_eq!(kind_at(t, "bloating"), None);
        // "No: " with text on the same line is not a list heading.
        assert_eq!(kind_at("No: dysphagia", "dysphagia"), None);
    }
}
