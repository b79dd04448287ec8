//! The rule-based red-flag checker: free text in, the spec's rules out, with evidence.
//!
//! [`RedFlagChecker::check`] reads the clinical facts of a letter (values with units, age,
//! sex, symptoms with their synonyms and abbreviations), ignoring mentions that are negated
//! ("no weight loss", "denies", "nil", "weight stable"), a relative's ("father had bowel
//! cancer"), resolved ("in 2015, none since") or hypothetical ("if she develops"), then applies
//! the rule table. A red flag is any matching U or R rule (`urgent_suspected_cancer` or
//! `urgent`); all of them are listed, each with its evidence.
//!
//! **Offsets are byte offsets** into the input string, always on character boundaries:
//! `&text[flag.start..flag.end] == flag.text`.
//!
//! The checker never panics, whatever the input (it is fuzzed in the tests).

mod columns;
mod demographics;
mod extract;
mod fields;
mod grid;
mod lexicon;
mod ocr_words;
mod scope;
mod screen;
mod sections;
mod segment;
mod values;

use serde::{Deserialize, Serialize};

pub use demographics::birth_date_contradicted;
pub use extract::Extraction;
pub(crate) use lexicon::SCREEN_CANCER_PATHWAY;
pub use screen::UnreadWord;

use crate::facts::{ClinicalFacts, Fact, Finding};
use crate::labels::{Pathway, Urgency};
use crate::rules::{apply_rules, matching_rules, RuleId};

/// A span of the input that supports a fact ("hb", "age", "dysphagia", ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The fact: a [`Finding`] name, an analyte ("hb", "ferritin", "fit", "calprotectin",
    /// "alt"), "age", "sex" or "ida".
    pub fact: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// `&input[start..end]`.
    pub text: String,
}

/// One red-flag rule that matched, with one piece of its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedFlag {
    pub rule: RuleId,
    /// Which fact this span supports.
    pub fact: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// `&input[start..end]`.
    pub text: String,
}

/// What the checker concluded about one letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The first rule of the table that fires; `None` when none does and the default (D:
    /// routine, general GI) applies.
    pub rule: Option<RuleId>,
    pub urgency: Urgency,
    pub pathway: Pathway,
    /// Every matching U or R rule, once per piece of evidence, in table order.
    pub red_flags: Vec<RedFlag>,
    /// The facts read from the text.
    pub facts: ClinicalFacts,
    /// Evidence for every fact read.
    pub evidence: Vec<Evidence>,
    /// Every fact mentioned, present or not, with its assertion status.
    #[serde(default)]
    pub mentions: Vec<Fact>,
    /// Words that may name a red flag, asserted about the patient, that no fact read explains
    /// (the routing guard's screen): a low-risk letter with any is not auto-routed.
    #[serde(default)]
    pub unread: Vec<UnreadWord>,
}

impl CheckResult {
    /// The rule that decided the labels (`D` when none fired).
    pub fn rule_id(&self) -> RuleId {
        self.rule.unwrap_or(RuleId::D)
    }

    /// Whether any red-flag rule matched.
    pub fn is_red_flag(&self) -> bool {
        !self.red_flags.is_empty()
    }

    /// The distinct red-flag rules that matched, in table order.
    pub fn red_flag_rules(&self) -> Vec<RuleId> {
        let mut rules: Vec<RuleId> = self.red_flags.iter().map(|f| f.rule).collect();
        rules.dedup();
        rules
    }
}

/// The checker. Its patterns are compiled once per process, on first use.
#[derive(Debug, Clone, Default)]
pub struct RedFlagChecker {
    _private: (),
}

impl RedFlagChecker {
    /// A checker, with every pattern of the lexicon compiled now: a broken lexicon stops the
    /// program at start-up with the section and term named, never later and never silently.
    pub fn new() -> RedFlagChecker {
        once_cell::sync::Lazy::force(&lexicon::FINDING_REGEXES);
        once_cell::sync::Lazy::force(&lexicon::SCREEN);
        once_cell::sync::Lazy::force(&lexicon::SCREEN_BENIGN);
        RedFlagChecker::default()
    }

    /// Reads the facts of `text` with their evidence, without applying the rules.
    pub fn extract(&self, text: &str) -> Extraction {
        extract::extract(text)
    }

    /// Reads the facts of `text` and applies the rule table.
    pub fn check(&self, text: &str) -> CheckResult {
        let ex = extract::extract(text);
        let outcome = apply_rules(&ex.facts);
        let mut red_flags = Vec::new();
        for rule in matching_rules(&ex.facts) {
            if !rule.is_red_flag() {
                continue;
            }
            let before = red_flags.len();
            for fact in evidence_facts(rule, &ex.facts) {
                for e in ex.evidence_for(&fact) {
                    red_flags.push(RedFlag {
                        rule,
                        fact: e.fact.clone(),
                        start: e.start,
                        end: e.end,
                        text: e.text.clone(),
                    });
                }
            }
            if red_flags.len() == before {
                // Matched on a conservative default (unknown age or sex): flag it anyway.
                red_flags.push(RedFlag {
                    rule,
                    fact: String::new(),
                    start: 0,
                    end: 0,
                    text: String::new(),
                });
            }
        }
        CheckResult {
            rule: (outcome.rule_id != RuleId::D).then_some(outcome.rule_id),
            urgency: outcome.urgency,
            pathway: outcome.pathway,
            red_flags,
            facts: ex.facts,
            evidence: ex.evidence,
            mentions: ex.mentions,
            unread: ex.unread,
        }
    }
}

/// The facts whose evidence supports `rule` for these facts.
fn evidence_facts(rule: RuleId, f: &ClinicalFacts) -> Vec<String> {
    let name = |x: Finding| x.as_str().to_string();
    let present = |xs: &[Finding]| -> Vec<String> {
        xs.iter().filter(|x| f.has(**x)).map(|x| name(*x)).collect()
    };
    let mut out: Vec<String> = match rule {
        RuleId::U1 => vec![name(Finding::Dysphagia)],
        RuleId::U2 => present(&[
            Finding::RectalMass,
            Finding::AnalMass,
            Finding::AnalUlceration,
        ]),
        RuleId::U3 => vec!["fit".to_string()],
        RuleId::U4 => vec!["hb".to_string(), "ferritin".to_string(), "ida".to_string()],
        RuleId::U5 => {
            let mut v = vec!["age".to_string(), name(Finding::WeightLoss)];
            v.extend(present(&[
                Finding::UpperAbdominalPain,
                Finding::Reflux,
                Finding::Dyspepsia,
            ]));
            v
        }
        RuleId::U6 => vec![name(Finding::AbdominalMass)],
        RuleId::U7 => vec!["age".to_string(), name(Finding::Jaundice)],
        RuleId::U8 => {
            let mut v = vec!["age".to_string()];
            if f.age_at_least(50) && f.rectal_bleeding {
                v.push(name(Finding::RectalBleeding));
            }
            if f.age_at_least(40) && f.weight_loss && f.abdominal_pain {
                v.push(name(Finding::WeightLoss));
                v.push(name(Finding::AbdominalPain));
            }
            if f.age_at_least(60) && f.change_in_bowel_habit {
                v.push(name(Finding::ChangeInBowelHabit));
            }
            v
        }
        RuleId::R1 => {
            let mut v = present(&[Finding::BloodyDiarrhoea]);
            if f.calprotectin.is_some_and(|c| c >= 250.0) {
                v.push("calprotectin".to_string());
            }
            v
        }
        RuleId::R2 => {
            let mut v = present(&[Finding::DecompensatedCirrhosis]);
            if f.alt.is_some_and(|a| a >= 300.0) {
                v.push("alt".to_string());
            }
            v
        }
        RuleId::R3 => vec![name(Finding::Haematemesis)],
        _ => Vec::new(),
    };
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> CheckResult {
        RedFlagChecker::new().check(text)
    }

    #[test]
    fn spans_slice_to_their_text() {
        let text = "Mrs Ann Ödön, 67 year old lady with dysphagia. Hb 98 g/L, ferritin 8.";
        let r = check(text);
        assert_eq!(r.rule, Some(RuleId::U1));
        assert_eq!(r.red_flag_rules(), vec![RuleId::U1, RuleId::U4]);
        for f in &r.red_flags {
            assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
        }
    }

    #[test]
    fn default_rule_is_none() {
        let r = check("Dear Doctor, this 40 year old man has hiccups.");
        assert_eq!(r.rule, None);
        assert_eq!(r.rule_id(), RuleId::D);
        assert_eq!(r.urgency, Urgency::Routine);
        assert!(!r.is_red_flag());
    }
}
