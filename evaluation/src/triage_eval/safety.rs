//! Safety figures: under-triage and over-triage by the predicted urgency, and the
//! auto-routing curve (how many letters skip review, and how many of those were truly urgent,
//! as the threshold on the calibrated low-risk probability moves).

use serde::{Deserialize, Serialize};
use triage::routing::{clopper_pearson_upper, CalibrationCase};

use super::metrics::{ratio, Bootstrap, Interval};

/// Under- and over-triage of one system's predicted urgency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriageErrors {
    /// Letters truly `urgent_suspected_cancer` or `urgent` (high risk).
    pub high_risk: usize,
    /// Of those, predicted low risk (`routine` or `advice_and_guidance`): under-triage.
    pub under_triage: usize,
    pub under_triage_rate: Option<f64>,
    pub under_triage_rate_ci: Option<Interval>,
    /// Letters truly low risk.
    pub low_risk: usize,
    /// Of those, predicted high risk: over-triage (extra work, not a danger).
    pub over_triage: usize,
    pub over_triage_rate: Option<f64>,
    pub over_triage_rate_ci: Option<Interval>,
}

/// Under- and over-triage from per-letter "truly low risk" and "predicted low risk".
pub fn triage_errors(gold_low: &[bool], pred_low: &[bool], bootstrap: &Bootstrap) -> TriageErrors {
    let count = |idx: &mut dyn Iterator<Item = usize>| {
        let (mut high, mut under, mut low, mut over) = (0, 0, 0, 0);
        for i in idx {
            if gold_low[i] {
                low += 1;
                over += usize::from(!pred_low[i]);
            } else {
                high += 1;
                under += usize::from(pred_low[i]);
            }
        }
        (high, under, low, over)
    };
    let (high, under, low, over) = count(&mut (0..gold_low.len()));
    let (mut under_rates, mut over_rates) = (Vec::new(), Vec::new());
    for idx in bootstrap.resamples(gold_low.len()) {
        let (h, u, l, o) = count(&mut idx.into_iter());
        under_rates.extend(ratio(u, h));
        over_rates.extend(ratio(o, l));
    }
    TriageErrors {
        high_risk: high,
        under_triage: under,
        under_triage_rate: ratio(under, high),
        under_triage_rate_ci: ratio(under, high).and_then(|_| bootstrap.interval(&mut under_rates)),
        low_risk: low,
        over_triage: over,
        over_triage_rate: ratio(over, low),
        over_triage_rate_ci: ratio(over, low).and_then(|_| bootstrap.interval(&mut over_rates)),
    }
}

/// What routing at one threshold does to a set of letters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutingPoint {
    /// Auto-route when the calibrated low-risk probability is at least this (and, where a
    /// checker is part of the system, no red flag was found).
    pub threshold: f64,
    pub letters: usize,
    pub auto_routed: usize,
    /// `auto_routed / letters`.
    pub share_auto_routed: f64,
    /// Truly high-risk letters among the auto-routed: the failure that matters.
    pub high_risk_auto_routed: usize,
    /// `high_risk_auto_routed / auto_routed` (`None` when nothing is auto-routed).
    pub under_triage_rate_routed: Option<f64>,
    /// One-sided Clopper-Pearson upper bound on that rate at the curve's confidence (1 when
    /// nothing is auto-routed).
    pub upper_bound: f64,
    /// Truly low-risk letters, and the share of them auto-routed (the work saved).
    pub low_risk: usize,
    pub share_low_risk_routed: Option<f64>,
}

/// Routing at `threshold`: a letter is auto-routed when it has no red flag and its low-risk
/// probability is at least the threshold (as `RoutingPolicy::auto_routes` decides).
pub fn routing_point(cases: &[CalibrationCase], threshold: f64, confidence: f64) -> RoutingPoint {
    let routed: Vec<&CalibrationCase> = cases
        .iter()
        .filter(|c| !c.has_red_flag && c.p_low_risk >= threshold)
        .collect();
    let events = routed.iter().filter(|c| c.truly_high_risk).count();
    let low_risk = cases.iter().filter(|c| !c.truly_high_risk).count();
    let low_routed = routed.len() - events;
    RoutingPoint {
        threshold,
        letters: cases.len(),
        auto_routed: routed.len(),
        share_auto_routed: ratio(routed.len(), cases.len()).unwrap_or(0.0),
        high_risk_auto_routed: events,
        under_triage_rate_routed: ratio(events, routed.len()),
        upper_bound: clopper_pearson_upper(events as u64, routed.len() as u64, confidence),
        low_risk,
        share_low_risk_routed: ratio(low_routed, low_risk),
    }
}

/// The thresholds of a curve: 0, 0.01, ..., 1, plus any extra (e.g. the saved operating
/// point), sorted and without duplicates.
pub fn curve_thresholds(extra: &[f64]) -> Vec<f64> {
    let mut t: Vec<f64> = (0..=100).map(|i| f64::from(i) / 100.0).collect();
    t.extend(extra.iter().copied().filter(|x| x.is_finite()));
    t.sort_by(f64::total_cmp);
    t.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    t
}

/// The routing curve over `thresholds`.
pub fn routing_curve(
    cases: &[CalibrationCase],
    thresholds: &[f64],
    confidence: f64,
) -> Vec<RoutingPoint> {
    thresholds
        .iter()
        .map(|&t| routing_point(cases, t, confidence))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(p: f64, flag: bool, high: bool) -> CalibrationCase {
        CalibrationCase {
            p_low_risk: p,
            has_red_flag: flag,
            truly_high_risk: high,
        }
    }

    #[test]
    fn hand_computed_under_and_over_triage() {
        // Truly high: 3 (one predicted low); truly low: 2 (one predicted high).
        let gold_low = [false, false, false, true, true];
        let pred_low = [true, false, false, false, true];
        let e = triage_errors(&gold_low, &pred_low, &Bootstrap::default());
        assert_eq!((e.high_risk, e.under_triage), (3, 1));
        assert_eq!((e.low_risk, e.over_triage), (2, 1));
        assert_eq!(e.under_triage_rate, Some(1.0 / 3.0));
        assert_eq!(e.over_triage_rate, Some(0.5));
        let ci = e.under_triage_rate_ci.expect("defined");
        assert!(ci.low <= 1.0 / 3.0 && 1.0 / 3.0 <= ci.high);
    }

    #[test]
    fn no_high_risk_letters_means_an_undefined_under_triage_rate() {
        let e = triage_errors(&[true, true], &[true, false], &Bootstrap::default());
        assert_eq!(e.high_risk, 0);
        assert_eq!(e.under_triage_rate, None);
        assert_eq!(e.under_triage_rate_ci, None);
        assert_eq!(e.over_triage_rate, Some(0.5));
    }

    #[test]
    fn routing_point_counts_ties_at_the_threshold_and_never_routes_red_flags() {
        let cases = [
            case(0.9, false, false),
            case(0.9, false, true),  // tied at the threshold: routed
            case(0.95, true, false), // red flag: never routed
            case(0.4, false, false),
        ];
        let p = routing_point(&cases, 0.9, 0.95);
        assert_eq!(p.auto_routed, 2);
        assert_eq!(p.high_risk_auto_routed, 1);
        assert_eq!(p.under_triage_rate_routed, Some(0.5));
        assert_eq!(p.share_auto_routed, 0.5);
        assert_eq!(p.low_risk, 3);
        assert_eq!(p.share_low_risk_routed, Some(1.0 / 3.0));
        assert_eq!(p.upper_bound, clopper_pearson_upper(1, 2, 0.95));
        let none = routing_point(&cases, 0.99, 0.95);
        assert_eq!(none.auto_routed, 0);
        assert_eq!(none.under_triage_rate_routed, None);
        assert_eq!(none.upper_bound, 1.0);
    }

    #[test]
    fn the_curve_is_monotone_and_includes_the_operating_point() {
        let cases: Vec<CalibrationCase> = (0..300)
            .map(|i| case(f64::from(i) / 300.0, i % 7 == 0, i % 5 == 0))
            .collect();
        let t = curve_thresholds(&[0.537, 0.5]);
        assert_eq!(t.len(), 102);
        assert!(t.contains(&0.537));
        let curve = routing_curve(&cases, &t, 0.95);
        for w in curve.windows(2) {
            assert!(w[0].auto_routed >= w[1].auto_routed);
        }
        // 300 letters with zero events give the "rule of three" bound ~ 1%.
        let zero: Vec<CalibrationCase> = (0..300).map(|_| case(0.99, false, false)).collect();
        let p = routing_point(&zero, 0.5, 0.95);
        assert!(
            p.upper_bound < 0.01 && p.upper_bound > 0.009,
            "{}",
            p.upper_bound
        );
    }
}
