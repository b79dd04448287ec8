//! PaperLite triage for gastroenterology referrals.
//!
//! - [`labels`]: the two labels, [`Urgency`] and [`Pathway`].
//! - [`facts`] and [`rules`]: the structured [`ClinicalFacts`] of a letter and the spec's rule
//!   table ([`apply_rules`]: first match wins).
//! - [`corpus`]: a deterministic generator of synthetic referral letters labelled by the rules,
//!   with JSONL input and output.
//! - [`dataset`]: a trust's own labelled referrals from CSV, with loose label parsing.
//! - [`redflags`]: the rule-based red-flag checker over free text, with evidence spans.
//! - [`model`]: the transformer classifier (candle): tokenizer, training, calibration,
//!   evaluation, loading.
//! - [`routing`]: which letters may skip review (calibrated low-risk probability above a
//!   threshold chosen with a Clopper-Pearson bound, and no red flag).
//!
//! The ground truth is `shared/clinical/referral-triage-spec.md`.

pub mod corpus;
pub mod dataset;
pub mod error;
pub mod facts;
pub mod labels;
pub mod model;
pub mod redflags;
mod rng;
pub mod routing;
pub mod rules;

pub use corpus::{generate, CorpusConfig, LetterStyle, ReferralLetter};
pub use dataset::{read_labelled_csv, LabelledExample};
pub use error::{Error, Result};
pub use facts::{ClinicalFacts, Finding, Sex};
pub use labels::{Pathway, Urgency};
pub use model::{Example, Prediction, TrainConfig, TriageModel};
pub use redflags::{CheckResult, RedFlag, RedFlagChecker};
pub use routing::{triage_letter, Decision, RoutingDecision, RoutingPolicy, TriagedLetter};
pub use rules::{apply_rules, matching_rules, RuleId, RuleOutcome};
