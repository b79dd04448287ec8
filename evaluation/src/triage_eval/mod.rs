//! `paperlite eval triage`: how often the triage is wrong, how it is wrong, whether its
//! confidence means anything, what auto-routing a share of letters costs in missed urgent
//! ones, and whether it beats simpler baselines, all on one labelled set of letters.
//!
//! Four systems are scored on the same letters ([`SystemName`]): the transformer alone, the
//! combination the product uses (model + red-flag checker + routing policy), the red-flag
//! checker alone and a TF-IDF + logistic-regression baseline. Each gets per-head metrics
//! with bootstrap intervals ([`metrics`]), under- and over-triage ([`safety`]); the
//! transformer also gets calibration before and after temperature scaling
//! ([`calibration`]) and the routing curve; every figure is also cut by letter source, age
//! band and OCR ([`evaluate`](evaluate::evaluate_triage)).

pub mod calibration;
pub mod data;
pub mod evaluate;
pub mod metrics;
pub mod safety;
pub mod tfidf;

use std::path::PathBuf;

pub use data::{read_labelled, LabelledLetter};
pub use evaluate::{
    baseline_training_set, evaluate_triage, LetterOutcome, SliceRow, SystemName, SystemReport,
    TriageEvalReport, TriageEvalSettings, TriageEvaluation,
};

/// What can go wrong in a triage evaluation. All but `Triage` with a machine failure inside
/// are the user's mistakes (a bad file, a label the model does not know).
#[derive(Debug, thiserror::Error)]
pub enum TriageEvalError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}, line {line}: {reason}", path.display())]
    InvalidData {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("letter {id}: {head} label {label:?} is not one of the model's ({known})")]
    UnknownLabel {
        id: String,
        head: &'static str,
        label: String,
        known: String,
    },
    #[error("no letters to evaluate")]
    NoLetters,
    #[error(transparent)]
    Triage(#[from] triage::Error),
    #[error(transparent)]
    Synthetic(#[from] synthetic::Error),
}
