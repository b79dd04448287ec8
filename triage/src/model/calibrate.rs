//! Temperature scaling (Guo et al., 2017): one scalar `T` per head, fitted on held-out data by
//! minimising the negative log-likelihood of `softmax(logits / T)`. It changes no prediction,
//! only how sure the model says it is, so that "0.9" means right about 90% of the time.

use serde::{Deserialize, Serialize};

use super::metrics::{expected_calibration_error, nll, softmax_with_temperature};

/// The fitted temperature of one head and what it did on the data it was fitted on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TemperatureFit {
    pub temperature: f64,
    pub nll_before: f64,
    pub nll_after: f64,
}

/// Fits `T` in `[0.05, 20]` by golden-section search on `ln T` (the NLL is unimodal in `T` for
/// all practical purposes). With no data the temperature stays 1.
pub fn fit_temperature(logits: &[Vec<f32>], gold: &[usize]) -> TemperatureFit {
    let before = nll(logits, gold, 1.0);
    if logits.is_empty() {
        return TemperatureFit {
            temperature: 1.0,
            nll_before: before,
            nll_after: before,
        };
    }
    let f = |log_t: f64| nll(logits, gold, log_t.exp());
    let (mut lo, mut hi) = (0.05f64.ln(), 20f64.ln());
    let phi = (5f64.sqrt() - 1.0) / 2.0;
    let mut c = hi - phi * (hi - lo);
    let mut d = lo + phi * (hi - lo);
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..60 {
        if fc < fd {
            hi = d;
            d = c;
            fd = fc;
            c = hi - phi * (hi - lo);
            fc = f(c);
        } else {
            lo = c;
            c = d;
            fc = fd;
            d = lo + phi * (hi - lo);
            fd = f(d);
        }
    }
    let mut t = ((lo + hi) / 2.0).exp();
    let mut after = nll(logits, gold, t);
    if after > before {
        // Never make things worse than no scaling.
        t = 1.0;
        after = before;
    }
    TemperatureFit {
        temperature: t,
        nll_before: before,
        nll_after: after,
    }
}

/// Expected calibration error (15 bins) of `softmax(logits / t)`.
pub fn ece_at(logits: &[Vec<f32>], gold: &[usize], temperature: f64) -> f64 {
    let probs: Vec<Vec<f64>> = logits
        .iter()
        .map(|z| softmax_with_temperature(z, temperature))
        .collect();
    expected_calibration_error(&probs, gold, 15)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::training_rng;

    #[test]
    fn temperature_scaling_lowers_nll_of_an_overconfident_model() {
        // Logits that are right 70% of the time but say so with ~99.9% confidence.
        let mut rng = training_rng(3);
        let mut logits = Vec::new();
        let mut gold = Vec::new();
        for _ in 0..500 {
            let g = rng.below(3);
            let said = if rng.f64() < 0.7 { g } else { (g + 1) % 3 };
            let mut z = vec![0f32; 3];
            z[said] = 8.0;
            logits.push(z);
            gold.push(g);
        }
        let fit = fit_temperature(&logits, &gold);
        assert!(fit.temperature > 2.0, "{fit:?}");
        assert!(fit.nll_after < fit.nll_before, "{fit:?}");
        assert!(ece_at(&logits, &gold, fit.temperature) < ece_at(&logits, &gold, 1.0));
    }

    #[test]
    fn empty_data_keeps_temperature_one() {
        assert_eq!(fit_temperature(&[], &[]).temperature, 1.0);
    }
}
