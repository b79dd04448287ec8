//! The pretrained sentence encoder all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT) on candle:
//! one L2-normalised 384-number vector per letter.
//!
//! A letter is cut into windows of at most [`EncoderConfig::window`] word-pieces (the
//! model was trained on 256), each window framed by `[CLS]` and `[SEP]`; each window is
//! mean-pooled over its attention mask and L2-normalised, the windows are averaged weighted by
//! their length, and the average is L2-normalised again. Windows overlap by
//! [`EncoderConfig::overlap`] word-pieces so no phrase is only ever seen cut in two.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use serde::{Deserialize, Serialize};
use tokenizers::Tokenizer;

use crate::error::{Error, Result};

/// Files of the encoder's directory (as `scripts/install.sh` leaves them).
pub const ENCODER_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

/// Where `scripts/install.sh` puts the encoder, relative to the repository root.
pub const DEFAULT_ENCODER_DIR: &str = "models/all-minilm-l6-v2";

/// Width of the embedding.
pub const EMBEDDING_DIM: usize = 384;

/// How letters are cut and batched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncoderConfig {
    /// Word-pieces per window, `[CLS]` and `[SEP]` included (at most 512; the model was
    /// trained on 256).
    pub window: usize,
    /// Word-pieces shared by consecutive windows.
    pub overlap: usize,
    /// Windows per forward pass.
    pub batch: usize,
}

impl Default for EncoderConfig {
    fn default() -> Self {
        EncoderConfig {
            window: 256,
            overlap: 32,
            batch: 16,
        }
    }
}

/// all-MiniLM-L6-v2, loaded.
pub struct SentenceEncoder {
    bert: BertModel,
    tokenizer: Tokenizer,
    config: EncoderConfig,
    cls: u32,
    sep: u32,
    pad: u32,
    dir: PathBuf,
    device: Device,
}

/// One window of one letter.
struct Window {
    letter: usize,
    ids: Vec<u32>,
}

impl SentenceEncoder {
    /// Loads `config.json`, `tokenizer.json` and `model.safetensors` from `dir`; a missing
    /// directory or file is an [`Error::Model`] that says how to get it.
    pub fn load(dir: impl AsRef<Path>, config: EncoderConfig) -> Result<SentenceEncoder> {
        let dir = dir.as_ref();
        let bad = |reason: String| Error::Model {
            path: dir.to_path_buf(),
            reason,
        };
        for f in ENCODER_FILES {
            if !dir.join(f).is_file() {
                return Err(bad(format!(
                    "no {f}: the pretrained encoder all-MiniLM-L6-v2 is not installed there \
                     (scripts/install.sh puts it in {DEFAULT_ENCODER_DIR}; or set \
                     PAPERLITE_ENCODER to its folder)"
                )));
            }
        }
        if config.window < 8 || config.window > 512 || config.overlap * 2 >= config.window {
            return Err(Error::Config(format!(
                "encoder window {} must be 8..=512 and more than twice the overlap {}",
                config.window, config.overlap
            )));
        }
        let text = std::fs::read_to_string(dir.join("config.json"))
            .map_err(|e| bad(format!("cannot read config.json: {e}")))?;
        let bert_config: BertConfig =
            serde_json::from_str(&text).map_err(|e| bad(format!("invalid config.json: {e}")))?;
        if bert_config.hidden_size != EMBEDDING_DIM {
            return Err(bad(format!(
                "config.json says hidden_size {}, expected {EMBEDDING_DIM} (all-MiniLM-L6-v2)",
                bert_config.hidden_size
            )));
        }
        let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json"))
            .map_err(|e| bad(format!("invalid tokenizer.json: {e}")))?;
        // The file pads and truncates to 128; windows are cut here instead.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(None)
            .map_err(|e| bad(format!("tokenizer.json: {e}")))?;
        let id = |t: &str| {
            tokenizer
                .token_to_id(t)
                .ok_or_else(|| bad(format!("tokenizer.json has no {t} token")))
        };
        let (cls, sep, pad) = (id("[CLS]")?, id("[SEP]")?, id("[PAD]")?);
        let device = Device::Cpu;
        // SAFETY: the file is memory-mapped read-only and not changed while the model lives
        // (the same contract as candle's own examples).
        let vb = unsafe {
            VarBuilder::from_mmaped_safetensors(
                &[dir.join("model.safetensors")],
                DType::F32,
                &device,
            )
        }
        .map_err(|e| bad(format!("invalid model.safetensors: {e}")))?;
        let bert = BertModel::load(vb, &bert_config).map_err(|e| {
            bad(format!(
                "model.safetensors is not a BERT of config.json: {e}"
            ))
        })?;
        Ok(SentenceEncoder {
            bert,
            tokenizer,
            config,
            cls,
            sep,
            pad,
            dir: dir.to_path_buf(),
            device,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn config(&self) -> &EncoderConfig {
        &self.config
    }

    /// Word-pieces of a text (no special tokens).
    pub fn word_pieces(&self, text: &str) -> Result<Vec<u32>> {
        let enc = self
            .tokenizer
            .encode(text, false)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        Ok(enc.get_ids().to_vec())
    }

    /// The windows of one letter's word-pieces (an empty letter gives one `[CLS] [SEP]`).
    fn windows(&self, letter: usize, pieces: &[u32]) -> Vec<Window> {
        let inner = self.config.window - 2;
        let step = inner - self.config.overlap;
        let mut out = Vec::new();
        let mut start = 0;
        loop {
            let end = (start + inner).min(pieces.len());
            let mut ids = Vec::with_capacity(end - start + 2);
            ids.push(self.cls);
            ids.extend_from_slice(&pieces[start..end]);
            ids.push(self.sep);
            out.push(Window { letter, ids });
            if end >= pieces.len() {
                break;
            }
            start += step;
        }
        out
    }

    /// One L2-normalised embedding per text, in input order. Deterministic: the same text
    /// gives the same numbers whatever the batch it is in (up to float rounding of padding,
    /// which the attention mask removes).
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let mut windows = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let pieces = self.word_pieces(t)?;
            windows.extend(self.windows(i, &pieces));
        }
        // Batch windows of similar length together.
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&w| windows[w].ids.len());
        let mut sums = vec![vec![0f32; EMBEDDING_DIM]; texts.len()];
        let mut weights = vec![0f32; texts.len()];
        for chunk in order.chunks(self.config.batch.max(1)) {
            let batch: Vec<&Window> = chunk.iter().map(|&w| &windows[w]).collect();
            let pooled = self.pool(&batch)?;
            for (w, v) in batch.iter().zip(pooled) {
                let weight = (w.ids.len() - 2).max(1) as f32;
                for (s, x) in sums[w.letter].iter_mut().zip(&v) {
                    *s += weight * x;
                }
                weights[w.letter] += weight;
            }
        }
        Ok(sums
            .into_iter()
            .map(|mut v| {
                normalise(&mut v);
                v
            })
            .collect())
    }

    /// Mean-pooled, L2-normalised vectors of a batch of windows.
    fn pool(&self, batch: &[&Window]) -> Result<Vec<Vec<f32>>> {
        let len = batch.iter().map(|w| w.ids.len()).max().unwrap_or(2);
        let mut ids = Vec::with_capacity(batch.len() * len);
        let mut mask = Vec::with_capacity(batch.len() * len);
        for w in batch {
            ids.extend_from_slice(&w.ids);
            ids.extend(std::iter::repeat_n(self.pad, len - w.ids.len()));
            mask.extend(std::iter::repeat_n(1u32, w.ids.len()));
            mask.extend(std::iter::repeat_n(0u32, len - w.ids.len()));
        }
        let shape = (batch.len(), len);
        let ids = Tensor::from_vec(ids, shape, &self.device)?;
        let mask = Tensor::from_vec(mask, shape, &self.device)?;
        let types = ids.zeros_like()?;
        let hidden = self.bert.forward(&ids, &types, Some(&mask))?;
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&m)?.sum(1)?;
        let counts = m.sum(1)?;
        let mean = summed.broadcast_div(&counts)?;
        let mut out = mean.to_vec2::<f32>()?;
        for v in &mut out {
            normalise(v);
        }
        Ok(out)
    }
}

/// Scales `v` to length 1 (a zero vector stays zero).
pub fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v {
            *x /= n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_gives_unit_length_and_keeps_zero() {
        let mut v = vec![3.0, 4.0];
        normalise(&mut v);
        assert!((v[0] - 0.6).abs() < 1e-6 && (v[1] - 0.8).abs() < 1e-6);
        let mut z = vec![0.0; 3];
        normalise(&mut z);
        assert_eq!(z, vec![0.0; 3]);
    }

    #[test]
    fn missing_encoder_is_a_clear_error() {
        let dir = std::env::temp_dir().join("paperlite-no-encoder-here");
        let err = SentenceEncoder::load(&dir, EncoderConfig::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("no config.json"), "{err}");
        assert!(err.contains("scripts/install.sh"), "{err}");
        assert!(err.contains("PAPERLITE_ENCODER"), "{err}");
    }
}
