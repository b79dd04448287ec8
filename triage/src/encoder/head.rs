//! The small head on top of the frozen encoder: one multinomial logistic regression per label
//! (urgency, pathway) over the 384-number letter embedding, trained full-batch with AdamW and
//! an L2 penalty from zero weights (so training is deterministic), then temperature-scaled on
//! held-out letters.
//!
//! Saved as `head.json` (labels, temperatures, training settings, which encoder) and
//! `head.safetensors` (`urgency.weight` 4x384, `urgency.bias`, `pathway.weight` 5x384,
//! `pathway.bias`): about 14 KB.

use std::path::Path;

use candle_core::{DType, Device, Tensor, Var};
use candle_nn::optim::{AdamW, Optimizer, ParamsAdamW};
use serde::{Deserialize, Serialize};

use super::minilm::EMBEDDING_DIM;
use crate::error::{Error, Result};
use crate::labels::{Pathway, Urgency};
use crate::model::calibrate::fit_temperature;
use crate::model::{HeadPrediction, Logits, Prediction, Temperatures};

pub const HEAD_CONFIG_FILE: &str = "head.json";
pub const HEAD_WEIGHTS_FILE: &str = "head.safetensors";

/// Where the committed head lives, relative to the repository root.
pub const DEFAULT_HEAD_DIR: &str = "models/triage-minilm-head";

/// Training settings of the head.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HeadTrainConfig {
    /// Full-batch AdamW steps.
    pub steps: usize,
    pub learning_rate: f64,
    /// L2 penalty on the weights (not the biases), added to the mean cross-entropy.
    pub l2: f64,
}

impl Default for HeadTrainConfig {
    fn default() -> Self {
        HeadTrainConfig {
            steps: 400,
            learning_rate: 0.05,
            l2: 1e-4,
        }
    }
}

/// `head.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadMeta {
    pub embedding_dim: usize,
    pub urgency_labels: Vec<String>,
    pub pathway_labels: Vec<String>,
    pub low_risk_urgency: Vec<String>,
    pub temperature: Temperatures,
    pub train: HeadTrainConfig,
    /// What the head was trained on (free text, for the model card).
    pub trained_on: String,
    /// The encoder it reads (its folder name and model.safetensors sha256 when known).
    pub encoder: String,
}

/// A trained head.
#[derive(Debug, Clone)]
pub struct EncoderHead {
    meta: HeadMeta,
    /// Row-major `[classes][EMBEDDING_DIM]` weights and biases per head.
    urgency: (Vec<Vec<f32>>, Vec<f32>),
    pathway: (Vec<Vec<f32>>, Vec<f32>),
}

/// A labelled embedding: urgency and pathway as label indexes ([`Urgency::ALL`],
/// [`Pathway::ALL`] order).
#[derive(Debug, Clone, Copy)]
pub struct HeadExample<'a> {
    pub embedding: &'a [f32],
    pub urgency: usize,
    pub pathway: usize,
}

fn labels() -> (Vec<String>, Vec<String>, Vec<String>) {
    (
        Urgency::ALL
            .iter()
            .map(|u| u.as_str().to_string())
            .collect(),
        Pathway::ALL
            .iter()
            .map(|p| p.as_str().to_string())
            .collect(),
        Urgency::ALL
            .iter()
            .filter(|u| u.is_low_risk())
            .map(|u| u.as_str().to_string())
            .collect(),
    )
}

impl EncoderHead {
    /// Trains on `train`, then fits each head's temperature on `calibration` (no
    /// calibration letters: temperature 1).
    pub fn train(
        train: &[HeadExample],
        calibration: &[HeadExample],
        config: &HeadTrainConfig,
        trained_on: String,
        encoder: String,
    ) -> Result<EncoderHead> {
        if train.is_empty() {
            return Err(Error::Data("no letters to train the head on".to_string()));
        }
        let (ul, pl, low) = labels();
        for e in train.iter().chain(calibration) {
            if e.embedding.len() != EMBEDDING_DIM || e.urgency >= ul.len() || e.pathway >= pl.len()
            {
                return Err(Error::Data(format!(
                    "a head example has {} numbers (expected {EMBEDDING_DIM}) or a label index \
                     out of range",
                    e.embedding.len()
                )));
            }
        }
        let device = Device::Cpu;
        let n = train.len();
        let flat: Vec<f32> = train
            .iter()
            .flat_map(|e| e.embedding.iter().copied())
            .collect();
        let x = Tensor::from_vec(flat, (n, EMBEDDING_DIM), &device)?;
        let yu = Tensor::from_vec(
            train.iter().map(|e| e.urgency as u32).collect::<Vec<_>>(),
            n,
            &device,
        )?;
        let yp = Tensor::from_vec(
            train.iter().map(|e| e.pathway as u32).collect::<Vec<_>>(),
            n,
            &device,
        )?;
        let wu = Var::zeros((ul.len(), EMBEDDING_DIM), DType::F32, &device)?;
        let bu = Var::zeros(ul.len(), DType::F32, &device)?;
        let wp = Var::zeros((pl.len(), EMBEDDING_DIM), DType::F32, &device)?;
        let bp = Var::zeros(pl.len(), DType::F32, &device)?;
        let mut opt = AdamW::new(
            vec![wu.clone(), bu.clone(), wp.clone(), bp.clone()],
            ParamsAdamW {
                lr: config.learning_rate,
                weight_decay: 0.0,
                ..ParamsAdamW::default()
            },
        )?;
        for _ in 0..config.steps {
            let lu = x
                .matmul(&wu.as_tensor().t()?)?
                .broadcast_add(bu.as_tensor())?;
            let lp = x
                .matmul(&wp.as_tensor().t()?)?
                .broadcast_add(bp.as_tensor())?;
            let penalty = ((wu.as_tensor().sqr()?.sum_all()?
                + wp.as_tensor().sqr()?.sum_all()?)?
                * config.l2)?;
            let loss = ((candle_nn::loss::cross_entropy(&lu, &yu)?
                + candle_nn::loss::cross_entropy(&lp, &yp)?)?
                + penalty)?;
            opt.backward_step(&loss)?;
        }
        let mut head = EncoderHead {
            meta: HeadMeta {
                embedding_dim: EMBEDDING_DIM,
                urgency_labels: ul,
                pathway_labels: pl,
                low_risk_urgency: low,
                temperature: Temperatures {
                    urgency: 1.0,
                    pathway: 1.0,
                },
                train: *config,
                trained_on,
                encoder,
            },
            urgency: (wu.as_tensor().to_vec2()?, bu.as_tensor().to_vec1()?),
            pathway: (wp.as_tensor().to_vec2()?, bp.as_tensor().to_vec1()?),
        };
        if !calibration.is_empty() {
            let z: Vec<Logits> = calibration
                .iter()
                .map(|e| head.logits(e.embedding))
                .collect();
            let zu: Vec<Vec<f32>> = z.iter().map(|l| l.urgency.clone()).collect();
            let zp: Vec<Vec<f32>> = z.iter().map(|l| l.pathway.clone()).collect();
            let gu: Vec<usize> = calibration.iter().map(|e| e.urgency).collect();
            let gp: Vec<usize> = calibration.iter().map(|e| e.pathway).collect();
            head.meta.temperature = Temperatures {
                urgency: fit_temperature(&zu, &gu).temperature,
                pathway: fit_temperature(&zp, &gp).temperature,
            };
        }
        Ok(head)
    }

    pub fn meta(&self) -> &HeadMeta {
        &self.meta
    }

    /// Raw logits of one embedding.
    pub fn logits(&self, embedding: &[f32]) -> Logits {
        let affine = |(w, b): &(Vec<Vec<f32>>, Vec<f32>)| -> Vec<f32> {
            w.iter()
                .zip(b)
                .map(|(row, b)| b + row.iter().zip(embedding).map(|(a, x)| a * x).sum::<f32>())
                .collect()
        };
        Logits {
            urgency: affine(&self.urgency),
            pathway: affine(&self.pathway),
        }
    }

    /// Calibrated prediction of one embedding.
    pub fn predict(&self, embedding: &[f32]) -> Prediction {
        let z = self.logits(embedding);
        let m = &self.meta;
        let urgency = HeadPrediction::new(&m.urgency_labels, &z.urgency, m.temperature.urgency);
        let pathway = HeadPrediction::new(&m.pathway_labels, &z.pathway, m.temperature.pathway);
        let p_low_risk = m
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

    /// Writes `head.json` and `head.safetensors` into `dir` (created if needed).
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_string_pretty(&self.meta)
            .map_err(|e| Error::Internal(format!("cannot serialise head.json: {e}")))?;
        std::fs::write(dir.join(HEAD_CONFIG_FILE), json + "\n")?;
        let device = Device::Cpu;
        let t = |(w, b): &(Vec<Vec<f32>>, Vec<f32>)| -> Result<(Tensor, Tensor)> {
            let flat: Vec<f32> = w.iter().flatten().copied().collect();
            Ok((
                Tensor::from_vec(flat, (w.len(), EMBEDDING_DIM), &device)?,
                Tensor::from_vec(b.clone(), b.len(), &device)?,
            ))
        };
        let (uw, ub) = t(&self.urgency)?;
        let (pw, pb) = t(&self.pathway)?;
        let tensors: std::collections::HashMap<String, Tensor> = [
            ("urgency.weight", uw),
            ("urgency.bias", ub),
            ("pathway.weight", pw),
            ("pathway.bias", pb),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        candle_core::safetensors::save(&tensors, dir.join(HEAD_WEIGHTS_FILE))?;
        Ok(())
    }

    /// Reads `head.json` and `head.safetensors` from `dir`.
    pub fn load(dir: impl AsRef<Path>) -> Result<EncoderHead> {
        let dir = dir.as_ref();
        let bad = |reason: String| Error::Model {
            path: dir.to_path_buf(),
            reason,
        };
        let text = std::fs::read_to_string(dir.join(HEAD_CONFIG_FILE))
            .map_err(|e| bad(format!("cannot read {HEAD_CONFIG_FILE}: {e}")))?;
        let meta: HeadMeta = serde_json::from_str(&text)
            .map_err(|e| bad(format!("invalid {HEAD_CONFIG_FILE}: {e}")))?;
        let (ul, pl, _) = labels();
        if meta.embedding_dim != EMBEDDING_DIM
            || meta.urgency_labels != ul
            || meta.pathway_labels != pl
        {
            return Err(bad(format!(
                "{HEAD_CONFIG_FILE} is not a head of {EMBEDDING_DIM} numbers over the \
                 specification's labels"
            )));
        }
        let path = dir.join(HEAD_WEIGHTS_FILE);
        let bytes = std::fs::read(&path)
            .map_err(|e| bad(format!("cannot read {HEAD_WEIGHTS_FILE}: {e}")))?;
        let tensors = candle_core::safetensors::load_buffer(&bytes, &Device::Cpu)
            .map_err(|e| bad(format!("invalid {HEAD_WEIGHTS_FILE}: {e}")))?;
        let get = |name: &str, rows: usize| -> Result<(Vec<Vec<f32>>, Vec<f32>)> {
            let w = tensors
                .get(&format!("{name}.weight"))
                .ok_or_else(|| bad(format!("{HEAD_WEIGHTS_FILE} has no {name}.weight")))?;
            let b = tensors
                .get(&format!("{name}.bias"))
                .ok_or_else(|| bad(format!("{HEAD_WEIGHTS_FILE} has no {name}.bias")))?;
            if w.dims() != [rows, EMBEDDING_DIM] || b.dims() != [rows] {
                return Err(bad(format!(
                    "{HEAD_WEIGHTS_FILE}: {name} has shape {:?}/{:?}, expected [{rows}, \
                     {EMBEDDING_DIM}]/[{rows}]",
                    w.dims(),
                    b.dims()
                )));
            }
            Ok((
                w.to_dtype(DType::F32)?.to_vec2()?,
                b.to_dtype(DType::F32)?.to_vec1()?,
            ))
        };
        let urgency = get("urgency", ul.len())?;
        let pathway = get("pathway", pl.len())?;
        Ok(EncoderHead {
            meta,
            urgency,
            pathway,
        })
    }
}
