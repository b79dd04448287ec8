//! PaperLite triage for gastroenterology referrals.
//!
//! - [`labels`]: the two labels, [`Urgency`] and [`Pathway`].
//! - [`facts`] and [`rules`]: the structured [`ClinicalFacts`] of a letter and the spec's rule
//!   table ([`apply_rules`]: first match wins).
//! - [`corpus`]: a deterministic generator of synthetic referral letters labelled by the rules,
//!   with JSONL input and output.
//! - [`dataset`]: a trust's own labelled referrals from CSV, with loose label parsing.
//! - [`redflags`]: the rule-based red-flag checker over free text, with evidence spans.
//!
//! The ground truth is `shared/clinical/referral-triage-spec.md`.

pub mod corpus;
pub mod dataset;
pub mod error;
pub mod facts;
pub mod labels;
pub mod redflags;
pub mod rules;

pub use corpus::{generate, CorpusConfig, LetterStyle, ReferralLetter};
pub use dataset::{read_labelled_csv, LabelledExample};
pub use error::{Error, Result};
pub use facts::{ClinicalFacts, Finding, Sex};
pub use labels::{Pathway, Urgency};
pub use redflags::{CheckResult, RedFlag, RedFlagChecker};
pub use rules::{apply_rules, matching_rules, RuleId, RuleOutcome};
