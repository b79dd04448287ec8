//! The transformer triage model, written on candle: tokenizer, network, training,
//! calibration, evaluation and loading.
//!
//! - [`text`]: the WordPiece tokenizer and how numbers reach the network (single digits plus
//!   a place embedding).
//! - [`net`]: the pre-LN transformer encoder with urgency and pathway heads.
//! - [`train()`]: AdamW with warm-up and decay, early stopping on validation macro-F1, and
//!   temperature scaling ([`calibrate`]).
//! - [`TriageModel`]: `config.json` + `tokenizer.json` + `model.safetensors`, calibrated
//!   predictions.
//! - [`evaluate`](mod@evaluate): held-out metrics, routing outcome, threshold letters.
//! - [`pipeline`]: the whole `paperlite train` run; [`card`]: its `MODEL_CARD.md`.

pub mod calibrate;
pub mod card;
mod classifier;
pub mod data;
pub mod evaluate;
pub mod metrics;
pub mod net;
pub mod pipeline;
pub mod text;
mod train;

pub use classifier::{
    HeadPrediction, Logits, ModelConfig, Prediction, Temperatures, TriageModel, CONFIG_FILE,
    TOKENIZER_FILE, WEIGHTS_FILE,
};
pub use data::{read_examples, read_examples_jsonl, split_indices, Example};
pub use text::{NumberEncoding, TextEncoder};
pub use train::{
    train, train_with_tokenizer, EvalInfo, StepInfo, TrainConfig, TrainProgress, TrainReport,
    TrainedModel,
};

/// The training generator for `seed`: every random draw of training (weight initialisation,
/// shuffling, dropout masks, the train/validation split) comes from it, so a seed gives the
/// same model. The salt keeps the stream apart from the corpus generator's for the same seed.
pub(crate) fn training_rng(seed: u64) -> types::rng::Rng {
    types::rng::Rng::new(seed ^ 0x5DEE_CE66_D1CE_4E5B)
}
