//! Training: WordPiece tokenizer, then the transformer with AdamW, linear warm-up and linear
//! decay, gradient clipping, bucketed mini-batches, early stopping on validation macro-F1
//! (mean of the two heads) keeping the best weights, then temperature scaling per head on the
//! validation letters. Every random draw comes from the seed.

use std::time::Instant;

use candle_core::backprop::GradStore;
use candle_core::{DType, Device, Tensor, Var};
use candle_nn::{VarBuilder, VarMap};
use serde::{Deserialize, Serialize};
use tokenizers::Tokenizer;

use super::calibrate::{ece_at, fit_temperature, TemperatureFit};
use super::classifier::{logits_of, ModelConfig, Temperatures, TriageModel};
use super::data::{label_indices, label_set, low_risk_labels, Example};
use super::metrics::{argmax_f32, macro_f1};
use super::net::{init_weights, Batch, Dropout, NetShape, TriageNet};
use super::text::{train_tokenizer, Encoded, NumberEncoding, TextEncoder};
use super::training_rng;
use crate::error::{Error, Result};
use types::rng::Rng;

/// Hyper-parameters. The defaults train the shipped model on two CPU cores in minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainConfig {
    pub seed: u64,
    pub epochs: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    /// Share of all steps spent warming the learning rate up linearly.
    pub warmup_fraction: f64,
    /// Global gradient-norm clip (0: none).
    pub clip_norm: f64,
    pub dropout: f32,
    /// Validation passes per epoch (early stopping is checked at each).
    pub evals_per_epoch: usize,
    /// Stop after this many validation passes without improvement.
    pub patience: usize,
    /// Stop after this many optimiser steps in all (for quick runs and tests).
    pub max_steps: Option<usize>,
    pub vocab_size: usize,
    pub numbers: NumberEncoding,
    pub d_model: usize,
    pub n_layers: usize,
    pub n_heads: usize,
    pub d_ff: usize,
    pub max_len: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 42,
            epochs: 6,
            batch_size: 32,
            learning_rate: 1e-3,
            weight_decay: 0.01,
            warmup_fraction: 0.05,
            clip_norm: 1.0,
            dropout: 0.1,
            evals_per_epoch: 2,
            patience: 3,
            max_steps: None,
            vocab_size: 6000,
            numbers: NumberEncoding::DigitsWithPlace,
            d_model: 128,
            n_layers: 2,
            n_heads: 4,
            d_ff: 256,
            max_len: 256,
        }
    }
}

/// One optimiser step, as the progress display sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepInfo {
    pub epoch: usize,
    pub step: usize,
    pub total_steps: usize,
    pub loss: f64,
    pub learning_rate: f64,
}

/// One validation pass.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EvalInfo {
    pub epoch: usize,
    pub step: usize,
    pub urgency_f1: f64,
    pub pathway_f1: f64,
    /// Mean of the two macro-F1s: the early-stopping criterion.
    pub val_f1: f64,
    pub improved: bool,
}

/// Progress callbacks; every method has a no-op default. `()` reports nothing.
pub trait TrainProgress {
    fn started(&self, _total_steps: usize) {}
    fn step(&self, _step: &StepInfo) {}
    fn evaluated(&self, _eval: &EvalInfo) {}
    fn message(&self, _message: &str) {}
}

impl TrainProgress for () {}

/// What happened during training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainReport {
    pub n_train: usize,
    pub n_valid: usize,
    pub parameters: usize,
    pub steps: usize,
    pub best_step: usize,
    pub best: EvalInfo,
    pub stopped_early: bool,
    pub urgency_temperature: TemperatureFit,
    pub pathway_temperature: TemperatureFit,
    /// ECE (15 bins) on the validation letters before and after temperature scaling.
    pub valid_ece_urgency: (f64, f64),
    pub valid_ece_pathway: (f64, f64),
    pub tokenizer_seconds: f64,
    /// Seconds for the tokenizer and the network together.
    pub train_seconds: f64,
    pub history: Vec<EvalInfo>,
}

/// A trained model and its report.
pub struct TrainedModel {
    pub model: TriageModel,
    pub report: TrainReport,
}

/// Trains a tokenizer on the `train` letters, then a model on `train`, early-stopping and
/// calibrating on `valid`.
///
/// The tokenizers crate's WordPiece trainer breaks ties between equally frequent merges in
/// hash-map order, so two runs can differ in a few rare sub-words (token ids are renumbered
/// canonically, see [`train_tokenizer`]); given the same tokenizer,
/// [`train_with_tokenizer`] is deterministic for a seed.
pub fn train(
    config: &TrainConfig,
    train: &[Example],
    valid: &[Example],
    progress: &dyn TrainProgress,
) -> Result<TrainedModel> {
    validate(config, train, valid)?;
    let t0 = Instant::now();
    progress.message("training the tokenizer");
    let texts: Vec<&str> = train.iter().map(|e| e.text.as_str()).collect();
    let tokenizer = train_tokenizer(&texts, config.vocab_size, config.numbers)?;
    let tokenizer_seconds = t0.elapsed().as_secs_f64();
    let mut trained = train_with_tokenizer(config, tokenizer, train, valid, progress)?;
    trained.report.tokenizer_seconds = tokenizer_seconds;
    trained.report.train_seconds += tokenizer_seconds;
    Ok(trained)
}

/// Trains a model with a given tokenizer (one from [`train_tokenizer`] with the same
/// `config.numbers`, or a previous model's).
pub fn train_with_tokenizer(
    config: &TrainConfig,
    tokenizer: Tokenizer,
    train: &[Example],
    valid: &[Example],
    progress: &dyn TrainProgress,
) -> Result<TrainedModel> {
    validate(config, train, valid)?;
    let device = Device::Cpu;
    let all: Vec<&Example> = train.iter().chain(valid).collect();
    let urgency_labels = label_set(all.iter().map(|e| e.urgency.as_str()), true);
    let pathway_labels = label_set(all.iter().map(|e| e.pathway.as_str()), false);
    let low_risk_urgency = low_risk_labels(&urgency_labels);
    let tokenizer_seconds = 0.0;
    let encoder = TextEncoder::new(tokenizer.clone(), config.numbers, config.max_len);
    let encode = |xs: &[Example]| -> Result<Vec<Encoded>> {
        xs.iter().map(|e| encoder.encode(&e.text)).collect()
    };
    let train_enc = encode(train)?;
    let valid_enc = encode(valid)?;
    let (train_u, train_p) = label_indices(train, &urgency_labels, &pathway_labels)?;
    let (valid_u, valid_p) = label_indices(valid, &urgency_labels, &pathway_labels)?;

    let model_config = ModelConfig {
        vocab_size: tokenizer.get_vocab_size(true),
        d_model: config.d_model,
        n_layers: config.n_layers,
        n_heads: config.n_heads,
        d_ff: config.d_ff,
        max_len: config.max_len,
        numbers: config.numbers,
        urgency_labels,
        pathway_labels,
        low_risk_urgency,
        temperature: Temperatures::default(),
    };
    let shape: NetShape = model_config.shape();
    let varmap = VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &device);
    let net = TriageNet::new(shape, vb)?;
    init_weights(&varmap, config.seed)?;
    let vars = named_vars(&varmap)?;
    let parameters = vars.iter().map(|(_, v)| v.elem_count()).sum();
    let mut opt = AdamW::new(&vars, config.weight_decay)?;

    let mut rng = training_rng(config.seed.wrapping_add(1));
    let mut dropout = Dropout {
        rng: training_rng(config.seed.wrapping_add(2)),
        p: config.dropout,
    };
    let batches_per_epoch = train.len().div_ceil(config.batch_size);
    let mut total_steps = batches_per_epoch * config.epochs;
    if let Some(m) = config.max_steps {
        total_steps = total_steps.min(m);
    }
    let warmup = ((total_steps as f64) * config.warmup_fraction)
        .ceil()
        .max(1.0) as usize;
    let evals_per_epoch = config.evals_per_epoch.clamp(1, batches_per_epoch.max(1));
    progress.started(total_steps);
    tracing::info!(
        n_train = train.len(),
        n_valid = valid.len(),
        parameters,
        total_steps,
        "training the triage model"
    );

    let pad = encoder.pad_id();
    let mut step = 0usize;
    let mut best: Option<(EvalInfo, Vec<(String, Tensor)>)> = None;
    let mut since_best = 0usize;
    let mut history = Vec::new();
    let mut stopped_early = false;
    let started = Instant::now();
    'epochs: for epoch in 1..=config.epochs {
        let batches = bucketed_batches(&train_enc, config.batch_size, &mut rng);
        for (b_i, batch_idx) in batches.iter().enumerate() {
            if step >= total_steps {
                break 'epochs;
            }
            let seqs: Vec<(&[u32], &[u32])> = batch_idx
                .iter()
                .map(|&i| (train_enc[i].ids.as_slice(), train_enc[i].places.as_slice()))
                .collect();
            let batch = Batch::new(&seqs, pad, &device)?;
            let tu: Vec<u32> = batch_idx.iter().map(|&i| train_u[i] as u32).collect();
            let tp: Vec<u32> = batch_idx.iter().map(|&i| train_p[i] as u32).collect();
            let tu = Tensor::new(tu, &device)?;
            let tp = Tensor::new(tp, &device)?;
            let (lu, lp) = net.forward(&batch, Some(&mut dropout))?;
            let loss = (candle_nn::loss::cross_entropy(&lu, &tu)?
                + candle_nn::loss::cross_entropy(&lp, &tp)?)?;
            let loss_value = f64::from(loss.to_scalar::<f32>()?);
            if !loss_value.is_finite() {
                return Err(Error::Internal(format!(
                    "training diverged at step {step} (loss {loss_value})"
                )));
            }
            let grads = loss.backward()?;
            step += 1;
            let lr = learning_rate(config.learning_rate, step, warmup, total_steps);
            opt.step(&grads, lr, config.clip_norm)?;
            progress.step(&StepInfo {
                epoch,
                step,
                total_steps,
                loss: loss_value,
                learning_rate: lr,
            });
            let end_of_epoch = b_i + 1 == batches.len();
            // Evenly spaced checks, the last at the end of the epoch.
            let n = batches.len().max(1);
            let check_point = (b_i + 1) * evals_per_epoch / n != b_i * evals_per_epoch / n;
            if check_point || end_of_epoch || step == total_steps {
                let (uf, pf) =
                    validation_f1(&net, &valid_enc, &valid_u, &valid_p, &model_config, pad)?;
                let val_f1 = (uf + pf) / 2.0;
                let improved = best.as_ref().is_none_or(|(b, _)| val_f1 > b.val_f1);
                let info = EvalInfo {
                    epoch,
                    step,
                    urgency_f1: uf,
                    pathway_f1: pf,
                    val_f1,
                    improved,
                };
                tracing::info!(epoch, step, val_f1, "validation");
                progress.evaluated(&info);
                history.push(info);
                if improved {
                    best = Some((info, snapshot(&vars)?));
                    since_best = 0;
                } else {
                    since_best += 1;
                    if since_best >= config.patience.max(1) {
                        stopped_early = true;
                        break 'epochs;
                    }
                }
            }
        }
    }
    let train_seconds = started.elapsed().as_secs_f64();
    let (best_info, weights) =
        best.ok_or_else(|| Error::Internal("training ran no step".to_string()))?;
    restore(&vars, &weights)?;

    progress.message("calibrating");
    let logits = logits_of(&net, &valid_enc, pad, &device, 32)?;
    let zu: Vec<Vec<f32>> = logits.iter().map(|l| l.urgency.clone()).collect();
    let zp: Vec<Vec<f32>> = logits.iter().map(|l| l.pathway.clone()).collect();
    // Rounded so that config.json round-trips them exactly.
    let round = |mut f: TemperatureFit| {
        f.temperature = (f.temperature * 1e6).round() / 1e6;
        f
    };
    let fit_u = round(fit_temperature(&zu, &valid_u));
    let fit_p = round(fit_temperature(&zp, &valid_p));
    let mut model_config = model_config;
    model_config.temperature = Temperatures {
        urgency: fit_u.temperature,
        pathway: fit_p.temperature,
    };
    let report = TrainReport {
        n_train: train.len(),
        n_valid: valid.len(),
        parameters,
        steps: step,
        best_step: best_info.step,
        best: best_info,
        stopped_early,
        urgency_temperature: fit_u,
        pathway_temperature: fit_p,
        valid_ece_urgency: (
            ece_at(&zu, &valid_u, 1.0),
            ece_at(&zu, &valid_u, fit_u.temperature),
        ),
        valid_ece_pathway: (
            ece_at(&zp, &valid_p, 1.0),
            ece_at(&zp, &valid_p, fit_p.temperature),
        ),
        tokenizer_seconds,
        train_seconds,
        history,
    };
    Ok(TrainedModel {
        model: TriageModel::from_parts(model_config, tokenizer, varmap, net),
        report,
    })
}

fn validate(config: &TrainConfig, train: &[Example], valid: &[Example]) -> Result<()> {
    if train.is_empty() || valid.is_empty() {
        return Err(Error::Data(format!(
            "need training and validation letters (got {} and {})",
            train.len(),
            valid.len()
        )));
    }
    let bad = |m: &str| Err(Error::Config(m.to_string()));
    if config.batch_size == 0 || config.epochs == 0 {
        return bad("batch_size and epochs must be positive");
    }
    if config.d_model == 0 || config.n_heads == 0 || !config.d_model.is_multiple_of(config.n_heads)
    {
        return bad("d_model must be a positive multiple of n_heads");
    }
    if config.max_len < 8 || config.vocab_size < 50 || config.d_ff == 0 {
        return bad("max_len must be at least 8, vocab_size at least 50, d_ff positive");
    }
    if !(0.0..1.0).contains(&config.dropout) {
        return bad("dropout must be in [0, 1)");
    }
    if !(config.learning_rate > 0.0 && config.learning_rate.is_finite()) {
        return bad("learning_rate must be positive");
    }
    Ok(())
}

/// Linear warm-up to `peak`, then linear decay to zero at `total`.
fn learning_rate(peak: f64, step: usize, warmup: usize, total: usize) -> f64 {
    if step <= warmup {
        peak * step as f64 / warmup as f64
    } else {
        let rest = (total.saturating_sub(warmup)).max(1) as f64;
        peak * (1.0 - (step - warmup) as f64 / rest).max(0.0)
    }
}

/// Shuffled mini-batches of similar length: shuffle, sort within windows of 50 batches by
/// length, cut, shuffle the batches.
fn bucketed_batches(enc: &[Encoded], batch: usize, rng: &mut Rng) -> Vec<Vec<usize>> {
    let mut idx: Vec<usize> = (0..enc.len()).collect();
    rng.shuffle(&mut idx);
    let mut batches = Vec::new();
    for window in idx.chunks_mut(batch * 50) {
        window.sort_by_key(|&i| enc[i].ids.len());
        batches.extend(window.chunks(batch).map(<[usize]>::to_vec));
    }
    rng.shuffle(&mut batches);
    batches
}

fn validation_f1(
    net: &TriageNet,
    enc: &[Encoded],
    gold_u: &[usize],
    gold_p: &[usize],
    config: &ModelConfig,
    pad: u32,
) -> Result<(f64, f64)> {
    let logits = logits_of(net, enc, pad, &Device::Cpu, 32)?;
    let pu: Vec<usize> = logits.iter().map(|l| argmax_f32(&l.urgency)).collect();
    let pp: Vec<usize> = logits.iter().map(|l| argmax_f32(&l.pathway)).collect();
    Ok((
        macro_f1(gold_u, &pu, config.urgency_labels.len()),
        macro_f1(gold_p, &pp, config.pathway_labels.len()),
    ))
}

fn named_vars(varmap: &VarMap) -> Result<Vec<(String, Var)>> {
    let data = varmap
        .data()
        .lock()
        .map_err(|_| Error::Internal("variable map lock poisoned".into()))?;
    let mut vars: Vec<(String, Var)> = data.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    vars.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(vars)
}

fn snapshot(vars: &[(String, Var)]) -> Result<Vec<(String, Tensor)>> {
    vars.iter()
        .map(|(n, v)| Ok((n.clone(), v.as_tensor().copy()?)))
        .collect()
}

fn restore(vars: &[(String, Var)], weights: &[(String, Tensor)]) -> Result<()> {
    for ((n, v), (m, t)) in vars.iter().zip(weights) {
        if n != m {
            return Err(Error::Internal(format!("snapshot mismatch: {n} vs {m}")));
        }
        v.set(t)?;
    }
    Ok(())
}

/// AdamW (decoupled weight decay on matrices only) with global-norm gradient clipping.
struct AdamW {
    slots: Vec<Slot>,
    t: i32,
    weight_decay: f64,
}

struct Slot {
    var: Var,
    m: Tensor,
    v: Tensor,
    decay: bool,
}

impl AdamW {
    const BETA1: f64 = 0.9;
    const BETA2: f64 = 0.999;
    const EPS: f64 = 1e-8;

    fn new(vars: &[(String, Var)], weight_decay: f64) -> Result<AdamW> {
        let slots = vars
            .iter()
            .map(|(_, var)| {
                Ok(Slot {
                    m: Tensor::zeros(var.shape(), DType::F32, var.device())?,
                    v: Tensor::zeros(var.shape(), DType::F32, var.device())?,
                    decay: var.rank() >= 2,
                    var: var.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(AdamW {
            slots,
            t: 0,
            weight_decay,
        })
    }

    fn step(&mut self, grads: &GradStore, lr: f64, clip: f64) -> Result<()> {
        self.t += 1;
        let mut sq = 0.0f64;
        for s in &self.slots {
            if let Some(g) = grads.get(&s.var) {
                sq += f64::from(g.sqr()?.sum_all()?.to_scalar::<f32>()?);
            }
        }
        let norm = sq.sqrt();
        let scale = if clip > 0.0 && norm > clip {
            clip / norm
        } else {
            1.0
        };
        let bc1 = 1.0 - Self::BETA1.powi(self.t);
        let bc2 = 1.0 - Self::BETA2.powi(self.t);
        for s in &mut self.slots {
            let Some(g) = grads.get(&s.var) else {
                continue;
            };
            let g = (g * scale)?;
            s.m = ((&s.m * Self::BETA1)? + (&g * (1.0 - Self::BETA1))?)?;
            s.v = ((&s.v * Self::BETA2)? + (g.sqr()? * (1.0 - Self::BETA2))?)?;
            let update = ((&s.m / bc1)? / ((&s.v / bc2)?.sqrt()? + Self::EPS)?)?;
            let theta = s.var.as_tensor();
            let theta = if s.decay {
                (theta * (1.0 - lr * self.weight_decay))?
            } else {
                theta.clone()
            };
            s.var.set(&(theta - (update * lr)?)?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_warms_up_then_decays() {
        assert!((learning_rate(1.0, 5, 10, 100) - 0.5).abs() < 1e-12);
        assert!((learning_rate(1.0, 10, 10, 100) - 1.0).abs() < 1e-12);
        assert!((learning_rate(1.0, 55, 10, 100) - 0.5).abs() < 1e-12);
        assert_eq!(learning_rate(1.0, 100, 10, 100), 0.0);
    }
}
