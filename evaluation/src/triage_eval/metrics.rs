//! Classification metrics for one head (urgency or pathway): confusion matrix, per-class
//! precision / recall / F1, macro-F1 and accuracy, each with a seeded percentile-bootstrap
//! 95% confidence interval.
//!
//! Conventions (as scikit-learn's with `zero_division` left undefined):
//! - precision of a class nobody predicted, and recall of a class absent from the gold labels,
//!   are undefined (`None`, `null` in JSON), never silently 0;
//! - F1 is `2 tp / (2 tp + fp + fn)`, which is the harmonic mean where both are defined and 0
//!   when a class was predicted or present but never right; it is undefined only for a class
//!   that is neither present nor predicted;
//! - macro-F1 averages F1 over the classes that are present or predicted.

use serde::{Deserialize, Serialize};

use types::rng::Rng;

/// A two-sided confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// How confidence intervals are computed: `resamples` bootstrap resamples of the letters
/// (with replacement), drawn from `seed`; the interval is the percentile interval at
/// `confidence`. The same seed gives the same resamples for every system evaluated on the
/// same letters, so their intervals are paired.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bootstrap {
    pub resamples: usize,
    pub seed: u64,
    pub confidence: f64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Bootstrap {
            resamples: 1000,
            seed: 2025,
            confidence: 0.95,
        }
    }
}

impl Bootstrap {
    /// The index lists of every resample of `n` items.
    pub fn resamples(&self, n: usize) -> Vec<Vec<usize>> {
        if n == 0 {
            return Vec::new();
        }
        let mut rng = Rng::new(self.seed);
        (0..self.resamples)
            .map(|_| (0..n).map(|_| rng.below(n)).collect())
            .collect()
    }

    /// The percentile interval of the defined values (`None` when no resample gave one).
    pub fn interval(&self, values: &mut [f64]) -> Option<Interval> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let alpha = (1.0 - self.confidence) / 2.0;
        Some(Interval {
            low: percentile(values, alpha),
            high: percentile(values, 1.0 - alpha),
        })
    }
}

/// The `q` quantile of sorted values, interpolating linearly between order statistics
/// (numpy's default).
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let lo = pos.floor() as usize;
            let hi = pos.ceil() as usize;
            let frac = pos - lo as f64;
            sorted[lo] + (sorted[hi] - sorted[lo]) * frac
        }
    }
}

/// `confusion[gold][predicted]` counts over `classes` classes; pairs naming a class outside
/// `0..classes` are ignored.
pub fn confusion_matrix(gold: &[usize], pred: &[usize], classes: usize) -> Vec<Vec<usize>> {
    let mut m = vec![vec![0usize; classes]; classes];
    for (&g, &p) in gold.iter().zip(pred) {
        if g < classes && p < classes {
            m[g][p] += 1;
        }
    }
    m
}

/// True positives, false positives and false negatives of one class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Counts of class `c` in a confusion matrix.
    pub fn of(confusion: &[Vec<usize>], c: usize) -> Counts {
        let tp = confusion[c][c];
        let predicted: usize = confusion.iter().map(|row| row[c]).sum();
        let support: usize = confusion[c].iter().sum();
        Counts {
            tp,
            fp: predicted - tp,
            fn_: support - tp,
        }
    }

    pub fn precision(self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

/// `num / den`, undefined when `den` is 0.
pub fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Share of letters on the diagonal (`None` for no letters).
pub fn accuracy(confusion: &[Vec<usize>]) -> Option<f64> {
    let total: usize = confusion.iter().flatten().sum();
    let right: usize = (0..confusion.len()).map(|c| confusion[c][c]).sum();
    ratio(right, total)
}

/// Mean F1 over the classes present in the gold labels or predicted (`None` for no letters).
pub fn macro_f1(confusion: &[Vec<usize>]) -> Option<f64> {
    let f1s: Vec<f64> = (0..confusion.len())
        .filter_map(|c| Counts::of(confusion, c).f1())
        .collect();
    (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64)
}

/// One class of one head.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassMetrics {
    pub label: String,
    /// Letters whose gold label is this class.
    pub support: usize,
    /// Letters predicted as this class.
    pub predicted: usize,
    pub tp: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    pub precision_ci: Option<Interval>,
    pub recall_ci: Option<Interval>,
    pub f1_ci: Option<Interval>,
}

/// One head of one system on a set of letters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadMetrics {
    pub labels: Vec<String>,
    pub letters: usize,
    pub accuracy: Option<f64>,
    pub accuracy_ci: Option<Interval>,
    pub macro_f1: Option<f64>,
    pub macro_f1_ci: Option<Interval>,
    pub per_class: Vec<ClassMetrics>,
    /// `confusion[gold][predicted]` in `labels` order.
    pub confusion: Vec<Vec<usize>>,
}

/// Every metric of a head, with bootstrap intervals.
pub fn head_metrics(
    labels: &[String],
    gold: &[usize],
    pred: &[usize],
    bootstrap: &Bootstrap,
) -> HeadMetrics {
    let k = labels.len();
    let confusion = confusion_matrix(gold, pred, k);
    // Bootstrap: one list of defined values per statistic.
    let mut acc = Vec::new();
    let mut mf1 = Vec::new();
    let mut per: Vec<[Vec<f64>; 3]> = (0..k).map(|_| Default::default()).collect();
    for idx in bootstrap.resamples(gold.len()) {
        let g: Vec<usize> = idx.iter().map(|&i| gold[i]).collect();
        let p: Vec<usize> = idx.iter().map(|&i| pred[i]).collect();
        let m = confusion_matrix(&g, &p, k);
        acc.extend(accuracy(&m));
        mf1.extend(macro_f1(&m));
        for (c, lists) in per.iter_mut().enumerate() {
            let counts = Counts::of(&m, c);
            lists[0].extend(counts.precision());
            lists[1].extend(counts.recall());
            lists[2].extend(counts.f1());
        }
    }
    let per_class = labels
        .iter()
        .enumerate()
        .zip(per.iter_mut())
        .map(|((c, label), lists)| {
            let counts = Counts::of(&confusion, c);
            ClassMetrics {
                label: label.clone(),
                support: counts.tp + counts.fn_,
                predicted: counts.tp + counts.fp,
                tp: counts.tp,
                precision: counts.precision(),
                recall: counts.recall(),
                f1: counts.f1(),
                precision_ci: counts
                    .precision()
                    .and_then(|_| bootstrap.interval(&mut lists[0])),
                recall_ci: counts
                    .recall()
                    .and_then(|_| bootstrap.interval(&mut lists[1])),
                f1_ci: counts.f1().and_then(|_| bootstrap.interval(&mut lists[2])),
            }
        })
        .collect();
    HeadMetrics {
        labels: labels.to_vec(),
        letters: gold.len(),
        accuracy: accuracy(&confusion),
        accuracy_ci: bootstrap.interval(&mut acc),
        macro_f1: macro_f1(&confusion),
        macro_f1_ci: bootstrap.interval(&mut mf1),
        per_class,
        confusion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("c{i}")).collect()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn hand_computed_three_classes_with_an_empty_one() {
        // gold 0 0 0 1 1 2, pred 0 0 1 1 0 1; class 3 never occurs.
        let gold = [0, 0, 0, 1, 1, 2];
        let pred = [0, 0, 1, 1, 0, 1];
        let m = confusion_matrix(&gold, &pred, 4);
        assert_eq!(
            m,
            vec![
                vec![2, 1, 0, 0],
                vec![1, 1, 0, 0],
                vec![0, 1, 0, 0],
                vec![0, 0, 0, 0]
            ]
        );
        // Class 0: tp 2, fp 1, fn 1 -> P 2/3, R 2/3, F1 2/3.
        let c0 = Counts::of(&m, 0);
        assert_eq!(
            c0,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 1
            }
        );
        assert!(close(c0.precision(), 2.0 / 3.0));
        assert!(close(c0.recall(), 2.0 / 3.0));
        assert!(close(c0.f1(), 2.0 / 3.0));
        // Class 1: tp 1, fp 2, fn 1 -> P 1/3, R 1/2, F1 2/5.
        let c1 = Counts::of(&m, 1);
        assert!(close(c1.precision(), 1.0 / 3.0));
        assert!(close(c1.recall(), 0.5));
        assert!(close(c1.f1(), 0.4));
        // Class 2: present, never predicted: precision undefined, recall 0, F1 0.
        let c2 = Counts::of(&m, 2);
        assert_eq!(c2.precision(), None);
        assert!(close(c2.recall(), 0.0));
        assert!(close(c2.f1(), 0.0));
        // Class 3: neither present nor predicted: everything undefined, left out of macro-F1.
        let c3 = Counts::of(&m, 3);
        assert_eq!((c3.precision(), c3.recall(), c3.f1()), (None, None, None));
        assert!(close(macro_f1(&m), (2.0 / 3.0 + 0.4 + 0.0) / 3.0));
        assert!(close(accuracy(&m), 0.5));
    }

    #[test]
    fn a_predicted_class_absent_from_gold_has_precision_zero_and_no_recall() {
        let m = confusion_matrix(&[0, 0], &[0, 1], 2);
        let c1 = Counts::of(&m, 1);
        assert!(close(c1.precision(), 0.0));
        assert_eq!(c1.recall(), None);
        assert!(close(c1.f1(), 0.0));
        // Class 0: P 1, R 1/2, F1 2/3; macro over both classes.
        assert!(close(macro_f1(&m), (2.0 / 3.0 + 0.0) / 2.0));
    }

    #[test]
    fn a_single_class_all_right_is_perfect_with_a_degenerate_interval() {
        let gold = vec![0; 20];
        let h = head_metrics(&labels(3), &gold, &gold, &Bootstrap::default());
        assert!(close(h.accuracy, 1.0));
        assert!(close(h.macro_f1, 1.0));
        assert_eq!(
            h.macro_f1_ci,
            Some(Interval {
                low: 1.0,
                high: 1.0
            })
        );
        assert_eq!(h.per_class[0].support, 20);
        assert_eq!(h.per_class[1].f1, None);
        assert_eq!(h.per_class[1].f1_ci, None);
    }

    #[test]
    fn no_letters_means_undefined_not_zero() {
        let h = head_metrics(&labels(2), &[], &[], &Bootstrap::default());
        assert_eq!(h.accuracy, None);
        assert_eq!(h.macro_f1, None);
        assert_eq!(h.accuracy_ci, None);
        assert_eq!(h.letters, 0);
    }

    #[test]
    fn percentile_interpolates_and_handles_ties() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 0.5), 3.0);
        assert_eq!(percentile(&v, 0.625), 3.5);
        assert_eq!(percentile(&v, 1.0), 5.0);
        // All values tied: the interval collapses onto them.
        let b = Bootstrap::default();
        let mut tied = vec![0.25; 10];
        assert_eq!(
            b.interval(&mut tied),
            Some(Interval {
                low: 0.25,
                high: 0.25
            })
        );
        assert_eq!(b.interval(&mut []), None);
    }

    #[test]
    fn bootstrap_interval_contains_the_estimate_and_is_reproducible() {
        // 70 right out of 100, in a fixed order.
        let gold: Vec<usize> = (0..100).map(|i| i % 2).collect();
        let pred: Vec<usize> = gold
            .iter()
            .enumerate()
            .map(|(i, &g)| if i % 10 < 7 { g } else { 1 - g })
            .collect();
        let b = Bootstrap::default();
        let h = head_metrics(&labels(2), &gold, &pred, &b);
        assert!(close(h.accuracy, 0.7));
        let ci = h.accuracy_ci.expect("defined");
        assert!(ci.low < 0.7 && 0.7 < ci.high, "{ci:?}");
        // The binomial standard error is 0.046: a 95% interval is about +-0.09.
        assert!(ci.high - ci.low > 0.12 && ci.high - ci.low < 0.24, "{ci:?}");
        assert_eq!(head_metrics(&labels(2), &gold, &pred, &b), h);
        let other = Bootstrap { seed: 7, ..b };
        assert_ne!(
            head_metrics(&labels(2), &gold, &pred, &other).accuracy_ci,
            h.accuracy_ci
        );
    }
}
