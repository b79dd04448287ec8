//! Synthetic data for PaperLite: nothing here is part of the product, and no product crate
//! depends on this one (only the binary's `train --generate` and `eval`, the evaluation
//! harness, examples, benchmarks and tests).
//!
//! - [`letters`]: gastroenterology referral letters in many forms, labelled by the spec's rule
//!   table from the facts drawn for each letter (`triage::ReferralLetter`).
//! - [`search`]: realistic clinical pages by the million for the search index's benchmarks.
//!
//! Both draw every random number from the workspace's one generator, [`types::rng::Rng`], so a
//! seed gives byte-identical output on every platform.

pub mod error;
pub mod letters;
pub mod search;

pub use error::{Error, Result};
pub use letters::{generate, generate_one, ClassMix, CorpusConfig};
