//! Classification metrics: macro-F1, accuracy, negative log-likelihood and expected calibration
//! error.

/// Macro-averaged F1 over the classes that occur in `gold` or `pred` (as scikit-learn does).
pub fn macro_f1(gold: &[usize], pred: &[usize], n_classes: usize) -> f64 {
    let mut tp = vec![0usize; n_classes];
    let mut fp = vec![0usize; n_classes];
    let mut fn_ = vec![0usize; n_classes];
    for (&g, &p) in gold.iter().zip(pred) {
        if g >= n_classes || p >= n_classes {
            continue;
        }
        if g == p {
            tp[g] += 1;
        } else {
            fp[p] += 1;
            fn_[g] += 1;
        }
    }
    let mut sum = 0.0;
    let mut count = 0usize;
    for c in 0..n_classes {
        if tp[c] + fp[c] + fn_[c] == 0 {
            continue;
        }
        count += 1;
        let denom = 2 * tp[c] + fp[c] + fn_[c];
        sum += 2.0 * tp[c] as f64 / denom as f64;
    }
    if count == 0 {
        0.0
    } else {
        sum / count as f64
    }
}

/// Share of positions where `gold == pred`.
pub fn accuracy(gold: &[usize], pred: &[usize]) -> f64 {
    if gold.is_empty() {
        return 0.0;
    }
    let right = gold.iter().zip(pred).filter(|(g, p)| g == p).count();
    right as f64 / gold.len() as f64
}

/// The index of the largest value (the first on ties; 0 for an empty slice).
pub fn argmax(xs: &[f64]) -> usize {
    let mut best = 0;
    for (i, x) in xs.iter().enumerate() {
        if *x > xs[best] {
            best = i;
        }
    }
    best
}

/// The index of the largest logit (the first on ties; 0 for an empty slice).
pub fn argmax_f32(xs: &[f32]) -> usize {
    let mut best = 0;
    for (i, x) in xs.iter().enumerate() {
        if *x > xs[best] {
            best = i;
        }
    }
    best
}

/// Softmax of `logits / temperature`, computed stably.
pub fn softmax_with_temperature(logits: &[f32], temperature: f64) -> Vec<f64> {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let scaled: Vec<f64> = logits.iter().map(|&z| f64::from(z) / t).collect();
    let max = scaled.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = scaled.iter().map(|z| (z - max).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.iter().map(|e| e / sum).collect()
}

/// Mean negative log-likelihood of the gold labels under `softmax(logits / t)`.
pub fn nll(logits: &[Vec<f32>], gold: &[usize], temperature: f64) -> f64 {
    if logits.is_empty() {
        return 0.0;
    }
    let mut total = 0.0;
    for (z, &g) in logits.iter().zip(gold) {
        let p = softmax_with_temperature(z, temperature);
        total -= p.get(g).copied().unwrap_or(0.0).max(1e-12).ln();
    }
    total / logits.len() as f64
}

/// Expected calibration error with `bins` equal-width confidence bins: the weighted mean gap
/// between the top-class confidence and the accuracy in each bin.
pub fn expected_calibration_error(probs: &[Vec<f64>], gold: &[usize], bins: usize) -> f64 {
    let bins = bins.max(1);
    let mut conf_sum = vec![0.0; bins];
    let mut correct = vec![0.0; bins];
    let mut count = vec![0usize; bins];
    for (p, &g) in probs.iter().zip(gold) {
        let k = argmax(p);
        let conf = p.get(k).copied().unwrap_or(0.0);
        let b = ((conf * bins as f64) as usize).min(bins - 1);
        conf_sum[b] += conf;
        count[b] += 1;
        if k == g {
            correct[b] += 1.0;
        }
    }
    let n = probs.len().max(1) as f64;
    (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| (conf_sum[b] - correct[b]).abs() / n)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_f1_matches_hand_computation() {
        // Class 0: tp 2, fp 1, fn 0 -> 0.8; class 1: tp 1, fp 0, fn 1 -> 0.667.
        let gold = [0, 0, 1, 1];
        let pred = [0, 0, 1, 0];
        let f1 = macro_f1(&gold, &pred, 3);
        assert!((f1 - (0.8 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert_eq!(macro_f1(&gold, &gold, 2), 1.0);
    }

    #[test]
    fn softmax_sums_to_one_and_temperature_flattens() {
        let p = softmax_with_temperature(&[2.0, 1.0, -1.0], 1.0);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let hot = softmax_with_temperature(&[2.0, 1.0, -1.0], 3.0);
        assert!(hot[0] < p[0]);
    }

    #[test]
    fn ece_of_perfect_confident_predictions_is_zero() {
        let probs = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
        assert!(expected_calibration_error(&probs, &[0, 1], 10) < 1e-12);
        // Always 90% sure and right half of the time: gap 0.4.
        let probs = vec![vec![0.9, 0.1]; 4];
        let ece = expected_calibration_error(&probs, &[0, 1, 0, 1], 10);
        assert!((ece - 0.4).abs() < 1e-9);
    }
}
