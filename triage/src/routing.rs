//! The routing policy: which letters may skip clinical review.
//!
//! A letter is **auto-routed** only when both hold:
//! - the model's calibrated probability that its urgency is low risk (the sum over the low-risk
//!   urgency labels, `routine` and `advice_and_guidance` by default) is at least the threshold;
//! - the rule-based red-flag checker finds nothing.
//!
//! Everything else goes to a clinician with a reason. The threshold is chosen on held-out
//! letters ([`choose_threshold`]) as the lowest one for which, among the letters it would
//! auto-route, the share that were truly `urgent` or `urgent_suspected_cancer` has an exact
//! one-sided Clopper-Pearson upper confidence bound at or below the tolerated risk (1% at 95%
//! confidence by default).

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Prediction, TriageModel};
use crate::redflags::{CheckResult, RedFlag, RedFlagChecker};

/// The routing policy's file inside a model directory.
pub const ROUTING_FILE: &str = "routing.json";

/// What happens to a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    AutoRoute,
    Review,
}

/// A decision with the reason a person reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutingDecision {
    pub decision: Decision,
    pub reason: String,
}

/// One held-out letter, as the threshold search sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalibrationCase {
    /// Calibrated model probability that the urgency is low risk.
    pub p_low_risk: f64,
    /// Whether the red-flag checker flagged the letter (then it is never auto-routed).
    pub has_red_flag: bool,
    /// Whether the letter's true urgency is `urgent` or `urgent_suspected_cancer`.
    pub truly_high_risk: bool,
}

/// The auto-routing threshold and the evidence for it, saved with a model as `routing.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutingPolicy {
    /// Auto-route when the low-risk probability is at least this; `None`: never auto-route
    /// (no threshold met the bound on the calibration data).
    pub threshold: Option<f64>,
    /// The tolerated share of truly urgent letters among auto-routed ones (0.01).
    pub max_risk: f64,
    /// Confidence of the one-sided upper bound (0.95).
    pub confidence: f64,
    /// The threshold was searched at or above this (0.5: the model must find low risk more
    /// likely than not).
    #[serde(default)]
    pub min_threshold: f64,
    /// Clopper-Pearson upper bound on the urgent share at the threshold.
    pub upper_bound: f64,
    /// Calibration letters the threshold would auto-route.
    pub n_routed: u64,
    /// Truly urgent letters among those.
    pub events: u64,
    /// Calibration letters in all.
    pub n_calibration: u64,
    /// Truly low-risk calibration letters, and how many of them would be auto-routed.
    pub n_low_risk: u64,
    pub low_risk_routed: u64,
}

impl RoutingPolicy {
    /// A policy that sends everything to review.
    pub fn review_everything(max_risk: f64, confidence: f64) -> RoutingPolicy {
        RoutingPolicy {
            threshold: None,
            max_risk,
            confidence,
            min_threshold: 0.0,
            upper_bound: 1.0,
            n_routed: 0,
            events: 0,
            n_calibration: 0,
            n_low_risk: 0,
            low_risk_routed: 0,
        }
    }

    /// Reads `routing.json` from a model directory.
    pub fn load(dir: impl AsRef<Path>) -> Result<RoutingPolicy> {
        let dir = dir.as_ref();
        let path = dir.join(ROUTING_FILE);
        let bad = |reason: String| Error::Model {
            path: dir.to_path_buf(),
            reason,
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
        RoutingPolicy::from_json(&text).map_err(|e| match e {
            Error::Model { reason, .. } => bad(reason),
            other => other,
        })
    }

    /// Reads a policy from the text of a `routing.json` (a model shipped inside a binary).
    pub fn from_json(text: &str) -> Result<RoutingPolicy> {
        let bad = |reason: String| Error::Model {
            path: std::path::PathBuf::from(ROUTING_FILE),
            reason,
        };
        let policy: RoutingPolicy =
            serde_json::from_str(text).map_err(|e| bad(format!("invalid {ROUTING_FILE}: {e}")))?;
        if policy.threshold.is_some_and(|t| !(0.0..=1.0).contains(&t)) {
            return Err(bad(format!("{ROUTING_FILE}: threshold outside [0, 1]")));
        }
        Ok(policy)
    }

    /// Writes `routing.json` into a model directory.
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let json = serde_json::to_string_pretty(self)
            .map_err(|e| Error::Internal(format!("cannot serialise the routing policy: {e}")))?;
        std::fs::write(dir.as_ref().join(ROUTING_FILE), json + "\n")?;
        Ok(())
    }

    /// Share of truly low-risk calibration letters the threshold auto-routes.
    pub fn low_risk_share_routed(&self) -> f64 {
        if self.n_low_risk == 0 {
            0.0
        } else {
            self.low_risk_routed as f64 / self.n_low_risk as f64
        }
    }

    /// Whether a letter with this low-risk probability, flagged or not, is auto-routed.
    pub fn auto_routes(&self, p_low_risk: f64, has_red_flag: bool) -> bool {
        !has_red_flag && self.threshold.is_some_and(|t| p_low_risk >= t)
    }

    /// Decides one letter.
    pub fn decide(&self, p_low_risk: f64, red_flags: &[RedFlag]) -> RoutingDecision {
        if !red_flags.is_empty() {
            return RoutingDecision {
                decision: Decision::Review,
                reason: red_flag_reason(red_flags),
            };
        }
        match self.threshold {
            None => RoutingDecision {
                decision: Decision::Review,
                reason: "no auto-routing threshold: the model did not meet the risk bound on \
                         its calibration letters"
                    .to_string(),
            },
            Some(t) if p_low_risk >= t => RoutingDecision {
                decision: Decision::AutoRoute,
                reason: format!(
                    "model probability of low risk {} at or above threshold {} and no red flag",
                    fmt_p(p_low_risk),
                    fmt_p(t)
                ),
            },
            Some(t) => RoutingDecision {
                decision: Decision::Review,
                reason: format!(
                    "model probability of low risk {} below threshold {}",
                    fmt_p(p_low_risk),
                    fmt_p(t)
                ),
            },
        }
    }
}

/// One letter through the whole triage: model, red-flag checker, routing.
#[derive(Debug, Clone, PartialEq)]
pub struct TriagedLetter {
    pub prediction: Prediction,
    pub check: CheckResult,
    pub routing: RoutingDecision,
}

/// Routes a letter the model has already read: `prediction` for `text`.
pub fn route(
    policy: &RoutingPolicy,
    checker: &RedFlagChecker,
    prediction: Prediction,
    text: &str,
) -> TriagedLetter {
    let check = checker.check(text);
    let routing = policy.decide(prediction.p_low_risk, &check.red_flags);
    TriagedLetter {
        prediction,
        check,
        routing,
    }
}

/// Reads, checks and routes one letter.
pub fn triage_letter(
    model: &TriageModel,
    policy: &RoutingPolicy,
    checker: &RedFlagChecker,
    text: &str,
) -> Result<TriagedLetter> {
    let prediction = model.predict(text)?;
    Ok(route(policy, checker, prediction, text))
}

/// Enough digits to tell a probability from a threshold near 1 (0.9712 vs 0.97).
fn fmt_p(p: f64) -> String {
    let s = format!("{p:.4}");
    let s = s.trim_end_matches('0');
    s.trim_end_matches('.').to_string()
}

/// "red flag U3: FIT 45" or "red flags U1: dysphagia; U4: Hb 98".
fn red_flag_reason(flags: &[RedFlag]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    for f in flags {
        if seen.contains(&f.rule) {
            continue;
        }
        seen.push(f.rule);
        let mut part = f.rule.to_string();
        let evidence: Vec<&str> = flags
            .iter()
            .filter(|g| g.rule == f.rule && !g.text.trim().is_empty())
            .map(|g| g.text.trim())
            .collect();
        if evidence.is_empty() {
            part.push_str(" (unknown age or sex, counted conservatively)");
        } else {
            let mut uniq: Vec<&str> = Vec::new();
            for e in evidence {
                if !uniq.contains(&e) {
                    uniq.push(e);
                }
            }
            let _ = write!(part, ": {}", uniq.join(", "));
        }
        parts.push(part);
    }
    let noun = if parts.len() == 1 {
        "red flag"
    } else {
        "red flags"
    };
    format!("{noun} {}", parts.join("; "))
}

/// Chooses the lowest threshold, at or above `min_threshold`, whose auto-routed calibration
/// letters have a one-sided `confidence` Clopper-Pearson upper bound on the truly-urgent share
/// of at most `max_risk`.
///
/// Letters with a red flag are never auto-routed and so never count. The candidate thresholds
/// are the distinct low-risk probabilities of the calibration letters (and `min_threshold`
/// itself). A floor of 0.5 means the model must at least find low risk more likely than not:
/// without it, when the red-flag checker alone catches nearly every urgent letter (as on the
/// synthetic corpus, which the checker was written alongside), the bound is met at a threshold
/// near 0 and the model would add nothing to the checker.
pub fn choose_threshold(
    cases: &[CalibrationCase],
    max_risk: f64,
    confidence: f64,
    min_threshold: f64,
) -> RoutingPolicy {
    let n_low_risk = cases.iter().filter(|c| !c.truly_high_risk).count() as u64;
    let mut eligible: Vec<&CalibrationCase> = cases
        .iter()
        .filter(|c| !c.has_red_flag && c.p_low_risk.is_finite() && c.p_low_risk >= min_threshold)
        .collect();
    eligible.sort_by(|a, b| b.p_low_risk.total_cmp(&a.p_low_risk));
    let mut best = RoutingPolicy {
        n_calibration: cases.len() as u64,
        n_low_risk,
        min_threshold,
        ..RoutingPolicy::review_everything(max_risk, confidence)
    };
    let (mut n, mut k, mut low) = (0u64, 0u64, 0u64);
    let mut i = 0;
    while i < eligible.len() {
        // Take every letter tied at this probability: a threshold cannot split them.
        let p = eligible[i].p_low_risk;
        while i < eligible.len() && eligible[i].p_low_risk == p {
            n += 1;
            if eligible[i].truly_high_risk {
                k += 1;
            } else {
                low += 1;
            }
            i += 1;
        }
        let bound = clopper_pearson_upper(k, n, confidence);
        if bound <= max_risk {
            // This group's probability; past the last group, a positive floor itself routes
            // exactly the same calibration letters and is the lower threshold.
            best.threshold = Some(if i == eligible.len() && min_threshold > 0.0 {
                min_threshold
            } else {
                p
            });
            best.upper_bound = bound;
            best.n_routed = n;
            best.events = k;
            best.low_risk_routed = low;
        }
    }
    best
}

/// Exact one-sided upper confidence bound (Clopper-Pearson) for a binomial proportion with
/// `events` successes in `trials` trials: the `confidence` quantile of
/// Beta(events + 1, trials - events). With no trials the bound is 1.
pub fn clopper_pearson_upper(events: u64, trials: u64, confidence: f64) -> f64 {
    if trials == 0 || events >= trials {
        return 1.0;
    }
    let a = events as f64 + 1.0;
    let b = (trials - events) as f64;
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if regularized_incomplete_beta(a, b, mid) < confidence {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The regularised incomplete beta function `I_x(a, b)`, by Lentz's continued fraction
/// (Numerical Recipes, `betai`/`betacf`).
pub fn regularized_incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_continued_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b
    }
}

fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let away_from_zero = |v: f64| if v.abs() < TINY { TINY } else { v };
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 / away_from_zero(1.0 - qab * x / qap);
    let mut h = d;
    // One modified-Lentz step with partial numerator `aa`; returns the factor applied to `h`.
    let step = |aa: f64, c: &mut f64, d: &mut f64| {
        *d = 1.0 / away_from_zero(1.0 + aa * *d);
        *c = away_from_zero(1.0 + aa / *c);
        *d * *c
    };
    for m in 1..=10_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        h *= step(m * (b - m) * x / ((qam + m2) * (a + m2)), &mut c, &mut d);
        let del = step(
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
            &mut c,
            &mut d,
        );
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// `ln Γ(x)` for `x > 0` (Lanczos, g = 7, n = 9; about 15 significant digits).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection formula.
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEF[0];
    for (i, c) in COEF.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;

    #[test]
    fn clopper_pearson_known_values() {
        // Reference values: bisection on the exact binomial CDF, P(X <= k; n, p) = 0.05.
        let cases = [
            (0, 298, 0.010_002_432_437_677_676),
            (0, 299, 0.009_969_146_792_899_229),
            (1, 100, 0.046_559_811_453_538_984),
            (5, 1000, 0.010_484_076_911_415_674),
            (10, 500, 0.033_688_272_331_144_52),
            (3, 20, 0.343_663_804_314_281_8),
        ];
        for (k, n, want) in cases {
            let got = clopper_pearson_upper(k, n, 0.95);
            assert!((got - want).abs() < 1e-9, "k={k} n={n}: {got} vs {want}");
        }
        // Zero events has the closed form 1 - alpha^(1/n) (the "rule of three" ~ 3/n).
        let closed = 1.0 - 0.05f64.powf(1.0 / 298.0);
        assert!((clopper_pearson_upper(0, 298, 0.95) - closed).abs() < 1e-12);
        assert_eq!(clopper_pearson_upper(0, 0, 0.95), 1.0);
        assert_eq!(clopper_pearson_upper(4, 4, 0.95), 1.0);
    }

    #[test]
    fn incomplete_beta_edges_and_symmetry() {
        assert_eq!(regularized_incomplete_beta(2.0, 3.0, 0.0), 0.0);
        assert_eq!(regularized_incomplete_beta(2.0, 3.0, 1.0), 1.0);
        // I_x(1, 1) = x; I_x(a, b) = 1 - I_{1-x}(b, a).
        assert!((regularized_incomplete_beta(1.0, 1.0, 0.3) - 0.3).abs() < 1e-12);
        let l = regularized_incomplete_beta(2.5, 7.0, 0.2);
        let r = 1.0 - regularized_incomplete_beta(7.0, 2.5, 0.8);
        assert!((l - r).abs() < 1e-12);
    }

    fn case(p: f64, flag: bool, high: bool) -> CalibrationCase {
        CalibrationCase {
            p_low_risk: p,
            has_red_flag: flag,
            truly_high_risk: high,
        }
    }

    #[test]
    fn threshold_is_the_lowest_meeting_the_bound() {
        // 400 clean low-risk letters at 0.99, then one urgent letter at 0.9 and 400 more
        // low-risk at 0.8, then urgent letters at 0.5.
        let mut cases = vec![case(0.99, false, false); 400];
        cases.push(case(0.9, false, true));
        cases.extend(vec![case(0.8, false, false); 400]);
        cases.extend(vec![case(0.5, false, true); 50]);
        // A flagged urgent letter at 0.999 never counts: the checker sends it to review.
        cases.push(case(0.999, true, true));
        let policy = choose_threshold(&cases, 0.01, 0.95, 0.0);
        // At 0.8: 801 routed with 1 event, bound ~0.0059; at 0.5 the 50 events break it.
        assert_eq!(policy.threshold, Some(0.8));
        assert_eq!(policy.n_routed, 801);
        assert_eq!(policy.events, 1);
        assert!(policy.upper_bound <= 0.01);
        assert_eq!(policy.low_risk_routed, 800);
        assert_eq!(policy.n_low_risk, 800);
    }

    #[test]
    fn the_floor_keeps_the_model_in_the_loop() {
        // The checker catches every urgent letter, so any threshold meets the bound; with a
        // floor of 0.5 the model must still call the letter low risk.
        let mut cases = vec![case(0.99, false, false); 400];
        cases.extend(vec![case(0.02, false, false); 10]);
        cases.extend(vec![case(0.01, true, true); 100]);
        assert_eq!(
            choose_threshold(&cases, 0.01, 0.95, 0.0).threshold,
            Some(0.02)
        );
        let floored = choose_threshold(&cases, 0.01, 0.95, 0.5);
        assert_eq!(floored.threshold, Some(0.5));
        assert_eq!(floored.n_routed, 400);
        assert_eq!(floored.min_threshold, 0.5);
    }

    #[test]
    fn too_little_data_means_no_auto_routing() {
        let cases = vec![case(0.99, false, false); 100];
        let policy = choose_threshold(&cases, 0.01, 0.95, 0.0);
        assert_eq!(policy.threshold, None);
        let d = policy.decide(0.999, &[]);
        assert_eq!(d.decision, Decision::Review);
    }

    #[test]
    fn red_flag_always_goes_to_review() {
        let policy = RoutingPolicy {
            threshold: Some(0.97),
            ..RoutingPolicy::review_everything(0.01, 0.95)
        };
        let flag = RedFlag {
            rule: RuleId::U3,
            fact: "fit".to_string(),
            start: 0,
            end: 6,
            text: "FIT 45".to_string(),
        };
        let d = policy.decide(1.0, std::slice::from_ref(&flag));
        assert_eq!(d.decision, Decision::Review);
        assert_eq!(d.reason, "red flag U3: FIT 45");
        let d = policy.decide(0.83, &[]);
        assert_eq!(d.decision, Decision::Review);
        assert_eq!(
            d.reason,
            "model probability of low risk 0.83 below threshold 0.97"
        );
        let d = policy.decide(0.97, &[]);
        assert_eq!(d.decision, Decision::AutoRoute);
    }
}
