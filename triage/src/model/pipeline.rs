//! The whole training run behind `paperlite train`: split, train with early stopping,
//! calibrate, choose the routing threshold on a separate calibration split, and measure
//! everything on held-out test letters.
//!
//! Splits (seeded): 70% train, 10% validation (early stopping and temperature scaling), 10%
//! calibration (the routing threshold), 10% test. With a held-out group (a letter style), every
//! letter of that group is the test set and the others are split 80/10/10.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::classifier::TriageModel;
use super::data::{split_indices, Example};
use super::evaluate::{evaluate, routing_cases, routing_outcome, EvalReport, RoutingOutcome};
use super::train::{train, TrainConfig, TrainProgress, TrainReport};
use crate::error::{Error, Result};
use crate::redflags::RedFlagChecker;
use crate::routing::{choose_threshold, RoutingPolicy};

/// What to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineConfig {
    pub train: TrainConfig,
    /// Seed of the split (the training seed is in `train`).
    pub split_seed: u64,
    /// Test on this group (letter style) only, training on the others.
    pub holdout_group: Option<String>,
    /// Tolerated share of truly urgent letters among auto-routed ones.
    pub max_risk: f64,
    /// Confidence of the one-sided Clopper-Pearson bound.
    pub confidence: f64,
    /// The routing threshold is searched at or above this (see
    /// [`crate::routing::choose_threshold`]).
    pub min_threshold: f64,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            train: TrainConfig::default(),
            split_seed: 7,
            holdout_group: None,
            max_risk: 0.01,
            confidence: 0.95,
            min_threshold: 0.5,
        }
    }
}

/// Sizes of the splits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplitSizes {
    pub total: usize,
    pub train: usize,
    pub valid: usize,
    pub calibration: usize,
    pub test: usize,
    pub holdout_group: Option<String>,
}

/// Everything measured in one run (saved as `metrics.json`, rendered into the model card).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    pub splits: SplitSizes,
    pub config: PipelineConfig,
    pub training: TrainReport,
    /// The test letters.
    pub test: EvalReport,
    /// The routing policy chosen on the calibration letters.
    pub routing: RoutingPolicy,
    /// That policy applied to the test letters.
    pub test_routing: RoutingOutcome,
    /// The policy the bound alone would give (no floor), on the calibration letters.
    pub unfloored_routing: RoutingPolicy,
    /// Seconds for the whole run (tokenizer, training, calibration, evaluation).
    pub total_seconds: f64,
}

/// A trained model, its routing policy and its measurements.
pub struct RunOutput {
    pub model: TriageModel,
    pub summary: RunSummary,
}

/// Runs the pipeline on `examples`.
pub fn run(
    config: &PipelineConfig,
    examples: &[Example],
    progress: &dyn TrainProgress,
) -> Result<RunOutput> {
    let started = Instant::now();
    let (train_set, valid, calib, test) = split(config, examples)?;
    let splits = SplitSizes {
        total: examples.len(),
        train: train_set.len(),
        valid: valid.len(),
        calibration: calib.len(),
        test: test.len(),
        holdout_group: config.holdout_group.clone(),
    };
    let trained = train(&config.train, &train_set, &valid, progress)?;
    let model = trained.model;
    let checker = RedFlagChecker::new();
    progress.message("choosing the routing threshold");
    let (_, calib_logits) = evaluate(&model, &calib)?;
    let calib_cases = routing_cases(&model, &calib, &calib_logits, &checker);
    let routing = choose_threshold(
        &calib_cases,
        config.max_risk,
        config.confidence,
        config.min_threshold,
    );
    // For the record: what the bound alone would allow, with no floor.
    let unfloored = choose_threshold(&calib_cases, config.max_risk, config.confidence, 0.0);
    progress.message("evaluating on the test letters");
    let (test_report, test_logits) = evaluate(&model, &test)?;
    let test_cases = routing_cases(&model, &test, &test_logits, &checker);
    let test_routing = routing_outcome(&routing, &test_cases);
    Ok(RunOutput {
        model,
        summary: RunSummary {
            splits,
            config: config.clone(),
            training: trained.report,
            test: test_report,
            routing,
            test_routing,
            unfloored_routing: unfloored,
            total_seconds: started.elapsed().as_secs_f64(),
        },
    })
}

type Splits = (Vec<Example>, Vec<Example>, Vec<Example>, Vec<Example>);

fn split(config: &PipelineConfig, examples: &[Example]) -> Result<Splits> {
    let pick = |pool: &[&Example], idx: &[usize]| -> Vec<Example> {
        idx.iter().map(|&i| pool[i].clone()).collect()
    };
    let (pool, test): (Vec<&Example>, Vec<Example>) = match &config.holdout_group {
        None => (examples.iter().collect(), Vec::new()),
        Some(g) => {
            if examples.iter().all(|e| e.group.is_none()) {
                return Err(Error::Data(
                    "the data has no style/group field to hold one out".to_string(),
                ));
            }
            let (held, rest): (Vec<&Example>, Vec<&Example>) =
                examples.iter().partition(|e| e.group.as_deref() == Some(g));
            if held.is_empty() {
                return Err(Error::Data(format!("no letters of style/group {g:?}")));
            }
            (rest, held.into_iter().cloned().collect())
        }
    };
    let fractions: &[f64] = if config.holdout_group.is_some() {
        &[0.8, 0.1]
    } else {
        &[0.7, 0.1, 0.1]
    };
    let parts = split_indices(pool.len(), fractions, config.split_seed);
    let train = pick(&pool, &parts[0]);
    let valid = pick(&pool, &parts[1]);
    let calib = pick(&pool, &parts[2]);
    let test = if config.holdout_group.is_some() {
        test
    } else {
        pick(&pool, &parts[3])
    };
    if [train.len(), valid.len(), calib.len(), test.len()].contains(&0) {
        return Err(Error::Data(format!(
            "too few letters ({}) to split into train, validation, calibration and test",
            examples.len()
        )));
    }
    Ok((train, valid, calib, test))
}
