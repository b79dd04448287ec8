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
