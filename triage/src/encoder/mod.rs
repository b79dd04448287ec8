//! A pretrained sentence encoder (all-MiniLM-L6-v2) with a small trained head, as an
//! alternative to the from-scratch transformer of [`crate::model`].
//!
//! - [`minilm`]: the frozen encoder (candle-transformers' BERT): one L2-normalised
//!   384-number vector per letter, long letters cut into overlapping windows and averaged.
//! - [`head`]: logistic regression per label on that vector, trained on generated letters.
//! - [`EncoderTriage`]: the two together, giving the same [`Prediction`] as the transformer.
//!
//! The encoder's weights (87 MB) are not committed: `scripts/install.sh` fetches them into
//! `models/all-minilm-l6-v2/`; nothing is fetched at run time. The head (14 KB) is committed
//! in `models/triage-minilm-head/`.

pub mod head;
pub mod minilm;

use std::path::Path;

pub use head::{EncoderHead, HeadExample, HeadMeta, HeadTrainConfig, DEFAULT_HEAD_DIR};
pub use minilm::{EncoderConfig, SentenceEncoder, DEFAULT_ENCODER_DIR, EMBEDDING_DIM};

use crate::error::Result;
use crate::model::Prediction;

/// The encoder and its head, loaded.
pub struct EncoderTriage {
    encoder: SentenceEncoder,
    head: EncoderHead,
}

impl EncoderTriage {
    pub fn new(encoder: SentenceEncoder, head: EncoderHead) -> EncoderTriage {
        EncoderTriage { encoder, head }
    }

    /// Loads the encoder from `encoder_dir` and the head from `head_dir`.
    pub fn load(encoder_dir: impl AsRef<Path>, head_dir: impl AsRef<Path>) -> Result<Self> {
        Ok(EncoderTriage {
            encoder: SentenceEncoder::load(encoder_dir, EncoderConfig::default())?,
            head: EncoderHead::load(head_dir)?,
        })
    }

    pub fn encoder(&self) -> &SentenceEncoder {
        &self.encoder
    }

    pub fn head(&self) -> &EncoderHead {
        &self.head
    }

    /// Calibrated predictions for a batch of letters.
    pub fn predict_batch(&self, texts: &[&str]) -> Result<Vec<Prediction>> {
        Ok(self
            .encoder
            .embed(texts)?
            .iter()
            .map(|e| self.head.predict(e))
            .collect())
    }
}
