//! PaperLite triage for gastroenterology referrals.
//!
//! - [`labels`]: the two labels, [`Urgency`] and [`Pathway`].
//! - [`facts`] and [`rules`]: the structured [`ClinicalFacts`] of a letter and the spec's rule
//!   table ([`apply_rules`]: first match wins).
//! - [`labelled`]: a labelled referral letter ([`ReferralLetter`]: text, labels, letter form,
//!   facts) and its JSON Lines files. The synthetic generator that writes them lives in
//!   `paperlite-synthetic`, outside the product.
//! - [`dataset`]: a trust's own labelled referrals from CSV, with loose label parsing.
//! - [`redflags`]: the rule-based red-flag checker over free text, with evidence spans.
//! - [`model`]: the transformer classifier (candle): tokenizer, training, calibration,
//!   evaluation, loading.
//! - [`encoder`]: the pretrained sentence encoder all-MiniLM-L6-v2 with a small trained head,
//!   used only by the model roles `escalate` and `fallback` of the decision.
//! - [`decision`]: the one decision every caller uses (CLI, service, evaluation): the rules'
//!   labels with their evidence, and auto-routing only for a low-risk rule other than D with no
//!   high-risk fact, on a familiar letter, with the model's agreement when it is used.
//! - [`routing`]: the model's auto-routing threshold, chosen with a Clopper-Pearson bound.
//!
//! The ground truth is `shared/clinical/referral-triage-spec.md`.

pub mod dataset;
pub mod decision;
pub mod encoder;
pub mod error;
pub mod facts;
pub mod labelled;
pub mod labels;
pub mod model;
pub mod redflags;
pub mod routing;
pub mod rules;

pub use dataset::{read_labelled_csv, LabelledExample};
pub use decision::{Decider, DecisionConfig, Hold, ModelRole, TriageDecision};
pub use error::{Error, Result};
pub use facts::{Assertion, ClinicalFacts, Fact, FactKind, Finding, Sex};
pub use labelled::{age_band, read_jsonl, write_jsonl, LetterHeader, LetterStyle, ReferralLetter};
pub use labels::{Pathway, Urgency};
pub use model::{Example, Prediction, TrainConfig, TriageModel};
pub use redflags::{CheckResult, RedFlag, RedFlagChecker};
pub use routing::{triage_letter, Decision, RoutingDecision, RoutingPolicy, TriagedLetter};
pub use rules::{apply_rules, matching_rules, RuleId, RuleOutcome};
