//! A trained triage model on disk and in memory: `config.json`, `tokenizer.json` and
//! `model.safetensors` in one directory (the candle-examples layout).

use std::path::Path;

use candle_core::{DType, Device};
use candle_nn::{VarBuilder, VarMap};
use serde::{Deserialize, Serialize};
use tokenizers::Tokenizer;

use super::metrics::{argmax, softmax_with_temperature};
use super::net::{Batch, NetShape, TriageNet};
use super::text::{tok_err, Encoded, NumberEncoding, TextEncoder};
use crate::error::{Error, Result};

/// File names inside a model directory.
pub const CONFIG_FILE: &str = "config.json";
pub const TOKENIZER_FILE: &str = "tokenizer.json";
pub const WEIGHTS_FILE: &str = "model.safetensors";

/// Temperatures of the two heads (1 = uncalibrated).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Temperatures {
    pub urgency: f64,
    pub pathway: f64,
}

impl Default for Temperatures {
    fn default() -> Self {
        Temperatures {
            urgency: 1.0,
            pathway: 1.0,
        }
    }
}

/// `config.json`: the architecture, the label sets (read from the training data) and the
/// calibration temperatures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelConfig {
    pub vocab_size: usize,
    pub d_model: usize,
    pub n_layers: usize,
    pub n_heads: usize,
    pub d_ff: usize,
    /// Tokens per letter; longer letters keep their head and tail.
    pub max_len: usize,
    pub numbers: NumberEncoding,
    /// Urgency labels, in the order of the urgency head's outputs.
    pub urgency_labels: Vec<String>,
    /// Pathway labels, in the order of the pathway head's outputs.
    pub pathway_labels: Vec<String>,
    /// The urgency labels that count as low risk for routing.
    pub low_risk_urgency: Vec<String>,
    #[serde(default)]
    pub temperature: Temperatures,
}

impl ModelConfig {
    fn validate(&self) -> std::result::Result<(), String> {
        if self.d_model == 0 || self.n_heads == 0 || !self.d_model.is_multiple_of(self.n_heads) {
            return Err(format!(
                "d_model ({}) must be a positive multiple of n_heads ({})",
                self.d_model, self.n_heads
            ));
        }
        if self.vocab_size == 0 || self.max_len == 0 || self.d_ff == 0 {
            return Err("vocab_size, max_len and d_ff must be positive".to_string());
        }
        if self.urgency_labels.is_empty() || self.pathway_labels.is_empty() {
            return Err("both label lists must be non-empty".to_string());
        }
        if let Some(l) = self
            .low_risk_urgency
            .iter()
            .find(|l| !self.urgency_labels.contains(l))
        {
            return Err(format!("low-risk label {l:?} is not an urgency label"));
        }
        let t = self.temperature;
        if !(t.urgency > 0.0 && t.pathway > 0.0 && t.urgency.is_finite() && t.pathway.is_finite()) {
            return Err("temperatures must be positive".to_string());
        }
        Ok(())
    }

    pub(crate) fn shape(&self) -> NetShape {
        NetShape {
            vocab_size: self.vocab_size,
            d_model: self.d_model,
            n_layers: self.n_layers,
            n_heads: self.n_heads,
            d_ff: self.d_ff,
            max_len: self.max_len,
            place_embedding: self.numbers == NumberEncoding::DigitsWithPlace,
            n_urgency: self.urgency_labels.len(),
            n_pathway: self.pathway_labels.len(),
        }
    }
}

/// Raw (uncalibrated) logits of one letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Logits {
    pub urgency: Vec<f32>,
    pub pathway: Vec<f32>,
}

/// One head's answer: the most probable label and every label's calibrated probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadPrediction {
    pub label: String,
    /// `(label, probability)` in the head's label order; the probabilities sum to 1.
    pub probabilities: Vec<(String, f64)>,
}

impl HeadPrediction {
    pub(crate) fn new(labels: &[String], logits: &[f32], temperature: f64) -> HeadPrediction {
        let p = softmax_with_temperature(logits, temperature);
        HeadPrediction {
            label: labels.get(argmax(&p)).cloned().unwrap_or_default(),
            probabilities: labels.iter().cloned().zip(p).collect(),
        }
    }

    /// The probability of `label` (0 when the head has no such label).
    pub fn probability(&self, label: &str) -> f64 {
        self.probabilities
            .iter()
            .find(|(l, _)| l == label)
            .map_or(0.0, |(_, p)| *p)
    }
}

/// The model's calibrated answer for one letter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    pub urgency: HeadPrediction,
    pub pathway: HeadPrediction,
    /// Sum of the urgency probabilities of the low-risk labels.
    pub p_low_risk: f64,
}

/// A loaded (or freshly trained) model.
pub struct TriageModel {
    config: ModelConfig,
    encoder: TextEncoder,
    net: TriageNet,
    varmap: VarMap,
    device: Device,
}

/// Letters per inference batch.
const INFER_BATCH: usize = 16;

impl TriageModel {
    pub(crate) fn from_parts(
        config: ModelConfig,
        tokenizer: Tokenizer,
        varmap: VarMap,
        net: TriageNet,
    ) -> TriageModel {
        let encoder = TextEncoder::new(tokenizer, config.numbers, config.max_len);
        TriageModel {
            config,
            encoder,
            net,
            varmap,
            device: Device::Cpu,
        }
    }

    /// Loads `config.json`, `tokenizer.json` and `model.safetensors` from `dir`.
    pub fn load(dir: impl AsRef<Path>) -> Result<TriageModel> {
        let dir = dir.as_ref();
        let bad = |reason: String| Error::Model {
            path: dir.to_path_buf(),
            reason,
        };
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|e| bad(format!("cannot read {}: {e}", path.display())))
        };
        let config = read(CONFIG_FILE)?;
        let tokenizer = read(TOKENIZER_FILE)?;
        if !dir.join(WEIGHTS_FILE).is_file() {
            return Err(bad(format!("no {WEIGHTS_FILE}")));
        }
        let weights = read(WEIGHTS_FILE)?;
        TriageModel::from_bytes(&config, tokenizer, &weights).map_err(|e| match e {
            Error::Model { reason, .. } => bad(reason),
            other => other,
        })
    }

    /// Loads a model from the bytes of its `config.json`, `tokenizer.json` and
    /// `model.safetensors` (a model shipped inside a binary).
    pub fn from_bytes(config: &[u8], tokenizer: Vec<u8>, weights: &[u8]) -> Result<TriageModel> {
        let bad = |reason: String| Error::Model {
            path: std::path::PathBuf::from("<embedded>"),
            reason,
        };
        let config: ModelConfig = serde_json::from_slice(config)
            .map_err(|e| bad(format!("invalid {CONFIG_FILE}: {e}")))?;
        config.validate().map_err(&bad)?;
        let tokenizer = Tokenizer::from_bytes(tokenizer)
            .map_err(|e| bad(format!("invalid {TOKENIZER_FILE}: {e}")))?;
        let vocab = tokenizer.get_vocab_size(true);
        if vocab != config.vocab_size {
            return Err(bad(format!(
                "{TOKENIZER_FILE} has {vocab} tokens but {CONFIG_FILE} says {}",
                config.vocab_size
            )));
        }
        let varmap = VarMap::new();
        let device = Device::Cpu;
        let vb = VarBuilder::from_varmap(&varmap, DType::F32, &device);
        let net = TriageNet::new(config.shape(), vb)?;
        let tensors = candle_core::safetensors::load_buffer(weights, &device)
            .map_err(|e| bad(format!("invalid {WEIGHTS_FILE}: {e}")))?;
        {
            let data = varmap
                .data()
                .lock()
                .map_err(|_| Error::Internal("the model's variables are poisoned".to_string()))?;
            for (name, var) in data.iter() {
                let t = tensors
                    .get(name)
                    .ok_or_else(|| bad(format!("{WEIGHTS_FILE} has no tensor {name}")))?;
                var.set(t)
                    .map_err(|e| bad(format!("invalid {WEIGHTS_FILE}: {name}: {e}")))?;
            }
        }
        Ok(TriageModel::from_parts(config, tokenizer, varmap, net))
    }

    /// Writes `config.json`, `tokenizer.json` and `model.safetensors` into `dir` (created if
    /// needed).
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_string_pretty(&self.config)
            .map_err(|e| Error::Internal(format!("cannot serialise the config: {e}")))?;
        std::fs::write(dir.join(CONFIG_FILE), json + "\n")?;
        self.encoder
            .tokenizer()
            .save(dir.join(TOKENIZER_FILE), false)
            .map_err(tok_err)?;
        self.varmap.save(dir.join(WEIGHTS_FILE))?;
        Ok(())
    }

    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    pub fn encoder(&self) -> &TextEncoder {
        &self.encoder
    }

    /// Number of trainable parameters.
    pub fn parameter_count(&self) -> usize {
        self.varmap.all_vars().iter().map(|v| v.elem_count()).sum()
    }

    /// Raw logits for each text.
    pub fn logits(&self, texts: &[&str]) -> Result<Vec<Logits>> {
        let encoded = texts
            .iter()
            .map(|t| self.encoder.encode(t))
            .collect::<Result<Vec<_>>>()?;
        logits_of(
            &self.net,
            &encoded,
            self.encoder.pad_id(),
            &self.device,
            INFER_BATCH,
        )
    }

    /// Applies the temperatures to raw logits.
    pub fn prediction_from_logits(&self, logits: &Logits) -> Prediction {
        let c = &self.config;
        let urgency =
            HeadPrediction::new(&c.urgency_labels, &logits.urgency, c.temperature.urgency);
        let pathway =
            HeadPrediction::new(&c.pathway_labels, &logits.pathway, c.temperature.pathway);
        let p_low_risk = c
            .low_risk_urgency
            .iter()
            .map(|l| urgency.probability(l))
            .sum::<f64>()
            .clamp(0.0, 1.0);
        Prediction {
            urgency,
            pathway,
            p_low_risk,
        }
    }

    /// Calibrated predictions for a batch of letters.
    pub fn predict_batch(&self, texts: &[&str]) -> Result<Vec<Prediction>> {
        Ok(self
            .logits(texts)?
            .iter()
            .map(|l| self.prediction_from_logits(l))
            .collect())
    }

    /// Calibrated prediction for one letter.
    pub fn predict(&self, text: &str) -> Result<Prediction> {
        let mut p = self.predict_batch(&[text])?;
        p.pop()
            .ok_or_else(|| Error::Internal("no prediction for one letter".to_string()))
    }
}

/// Inference over pre-encoded letters, batched by similar length (results in input order).
pub(crate) fn logits_of(
    net: &TriageNet,
    encoded: &[Encoded],
    pad_id: u32,
    device: &Device,
    batch_size: usize,
) -> Result<Vec<Logits>> {
    let mut order: Vec<usize> = (0..encoded.len()).collect();
    order.sort_by_key(|&i| encoded[i].ids.len());
    let mut out: Vec<Option<Logits>> = vec![None; encoded.len()];
    for chunk in order.chunks(batch_size.max(1)) {
        let seqs: Vec<(&[u32], &[u32])> = chunk
            .iter()
            .map(|&i| (encoded[i].ids.as_slice(), encoded[i].places.as_slice()))
            .collect();
        let batch = Batch::new(&seqs, pad_id, device)?;
        let (u, p) = net.forward(&batch, None)?;
        let u = u.to_vec2::<f32>()?;
        let p = p.to_vec2::<f32>()?;
        for ((&i, u), p) in chunk.iter().zip(u).zip(p) {
            out[i] = Some(Logits {
                urgency: u,
                pathway: p,
            });
        }
    }
    out.into_iter()
        .map(|l| l.ok_or_else(|| Error::Internal("a letter got no logits".to_string())))
        .collect()
}
