//! Calibration: does "90% sure" mean right 90% of the time? Expected calibration error with a
//! reliability table (equal-width bins of the top-class probability), before temperature
//! scaling (temperature 1) and after it (the temperature saved with the model).

use serde::{Deserialize, Serialize};
use triage::model::calibrate::ece_at;
use triage::model::metrics::{argmax, nll, softmax_with_temperature};

/// One bin of a reliability diagram: letters whose top-class probability fell in
/// `[lower, upper)` (the last bin includes 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliabilityBin {
    pub lower: f64,
    pub upper: f64,
    pub letters: usize,
    /// Mean top-class probability of the bin's letters (`None` for an empty bin).
    pub mean_confidence: Option<f64>,
    /// Share of the bin's letters whose top class was right.
    pub accuracy: Option<f64>,
}

/// Calibration of one head at one temperature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    pub temperature: f64,
    /// ECE over the reliability table's bins: sum over bins of (letters in bin / letters) x
    /// |accuracy - mean confidence|.
    pub ece: f64,
    /// ECE with 15 bins, as the model card reports it (`triage::model::calibrate::ece_at`).
    pub ece_15_bins: f64,
    /// Mean negative log-likelihood of the gold labels.
    pub nll: f64,
    pub bins: Vec<ReliabilityBin>,
}

/// Before and after temperature scaling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationPair {
    pub before: Calibration,
    pub after: Calibration,
}

/// The reliability table of probability vectors against gold labels, and its ECE.
pub fn reliability(probs: &[Vec<f64>], gold: &[usize], bins: usize) -> (f64, Vec<ReliabilityBin>) {
    let bins = bins.max(1);
    let mut conf_sum = vec![0.0; bins];
    let mut right = vec![0usize; bins];
    let mut count = vec![0usize; bins];
    for (p, &g) in probs.iter().zip(gold) {
        let top = argmax(p);
        let conf = p.get(top).copied().unwrap_or(0.0);
        let b = ((conf * bins as f64) as usize).min(bins - 1);
        conf_sum[b] += conf;
        count[b] += 1;
        right[b] += usize::from(top == g);
    }
    let n = probs.len();
    let mut ece = 0.0;
    let table = (0..bins)
        .map(|b| {
            let (mean_confidence, accuracy) = if count[b] == 0 {
                (None, None)
            } else {
                let c = conf_sum[b] / count[b] as f64;
                let a = right[b] as f64 / count[b] as f64;
                ece += count[b] as f64 / n as f64 * (a - c).abs();
                (Some(c), Some(a))
            };
            ReliabilityBin {
                lower: b as f64 / bins as f64,
                upper: (b + 1) as f64 / bins as f64,
                letters: count[b],
                mean_confidence,
                accuracy,
            }
        })
        .collect();
    (ece, table)
}

/// Calibration of `softmax(logits / temperature)`.
pub fn calibration(
    logits: &[Vec<f32>],
    gold: &[usize],
    temperature: f64,
    bins: usize,
) -> Calibration {
    let probs: Vec<Vec<f64>> = logits
        .iter()
        .map(|z| softmax_with_temperature(z, temperature))
        .collect();
    let (ece, bins) = reliability(&probs, gold, bins);
    Calibration {
        temperature,
        ece,
        ece_15_bins: ece_at(logits, gold, temperature),
        nll: nll(logits, gold, temperature),
        bins,
    }
}

/// Calibration at temperature 1 and at the saved temperature.
pub fn before_after(
    logits: &[Vec<f32>],
    gold: &[usize],
    temperature: f64,
    bins: usize,
) -> CalibrationPair {
    CalibrationPair {
        before: calibration(logits, gold, 1.0, bins),
        after: calibration(logits, gold, temperature, bins),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_reliability_table() {
        // Two letters at 0.95 (one right), one at 0.65 (right), one at 0.55 (wrong).
        let probs = vec![
            vec![0.95, 0.05],
            vec![0.95, 0.05],
            vec![0.35, 0.65],
            vec![0.55, 0.45],
        ];
        let gold = [0, 1, 1, 1];
        let (ece, bins) = reliability(&probs, &gold, 10);
        assert_eq!(bins.len(), 10);
        assert_eq!(bins[9].letters, 2);
        assert_eq!(bins[9].accuracy, Some(0.5));
        assert!((bins[9].mean_confidence.unwrap_or(0.0) - 0.95).abs() < 1e-12);
        assert_eq!(bins[6].letters, 1);
        assert_eq!(bins[6].accuracy, Some(1.0));
        assert_eq!(bins[5].letters, 1);
        assert_eq!(bins[5].accuracy, Some(0.0));
        assert_eq!(bins[0].letters, 0);
        assert_eq!(bins[0].accuracy, None);
        // 2/4 * 0.45 + 1/4 * 0.35 + 1/4 * 0.55
        assert!((ece - (0.225 + 0.0875 + 0.1375)).abs() < 1e-12, "{ece}");
    }

    #[test]
    fn a_probability_of_one_lands_in_the_last_bin() {
        let (ece, bins) = reliability(&[vec![1.0, 0.0]], &[0], 10);
        assert_eq!(bins[9].letters, 1);
        assert!(ece.abs() < 1e-12);
    }

    #[test]
    fn ties_go_to_the_first_class() {
        // A 50/50 letter counts as a prediction of class 0.
        let (_, bins) = reliability(&[vec![0.5, 0.5]], &[0], 10);
        assert_eq!(bins[5].accuracy, Some(1.0));
        let (_, bins) = reliability(&[vec![0.5, 0.5]], &[1], 10);
        assert_eq!(bins[5].accuracy, Some(0.0));
    }

    #[test]
    fn temperature_scaling_helps_an_overconfident_head() {
        // Right 3 times in 4, with logits that claim ~99.9%.
        let logits: Vec<Vec<f32>> = (0..400)
            .map(|i| {
                if i % 4 == 3 {
                    vec![0.0, 7.0]
                } else {
                    vec![7.0, 0.0]
                }
            })
            .collect();
        let gold = vec![0; 400];
        let pair = before_after(&logits, &gold, 4.0, 10);
        assert!(pair.before.ece > 0.2, "{}", pair.before.ece);
        assert!(pair.after.ece < pair.before.ece);
        assert!(pair.after.nll < pair.before.nll);
        assert_eq!(pair.before.temperature, 1.0);
    }
}
