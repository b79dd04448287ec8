//! Held-out evaluation of a trained model: macro-F1 per head, under-triage, calibration, the
//! routing outcome, and accuracy on letters whose label hinges on a numeric threshold.

use serde::{Deserialize, Serialize};

use super::calibrate::ece_at;
use super::classifier::{Logits, TriageModel};
use super::data::Example;
use super::metrics::{accuracy, argmax_f32, macro_f1, nll};
use crate::error::Result;
use crate::facts::ClinicalFacts;
use crate::labelled::ReferralLetter;
use crate::redflags::RedFlagChecker;
use crate::routing::{CalibrationCase, RoutingPolicy};
use crate::rules::apply_rules;

/// One head on one set of letters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HeadMetrics {
    pub macro_f1: f64,
    pub accuracy: f64,
    /// ECE (15 bins) and NLL with temperature 1 and with the fitted temperature.
    pub ece_before: f64,
    pub ece_after: f64,
    pub nll_before: f64,
    pub nll_after: f64,
}

/// A model on a set of letters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    pub n: usize,
    pub urgency: HeadMetrics,
    pub pathway: HeadMetrics,
    /// Truly urgent or urgent-suspected-cancer letters.
    pub n_high_risk: usize,
    /// Of those, how many the model's top urgency label called low risk.
    pub under_triage: usize,
    /// Urgency confusion matrix, `[gold][predicted]`, in the model's label order.
    pub urgency_confusion: Vec<Vec<usize>>,
}

/// Labels an example's gold labels map to (`None` for a label the model does not know).
fn gold(model: &TriageModel, e: &Example) -> (Option<usize>, Option<usize>) {
    let c = model.config();
    (
        c.urgency_labels.iter().position(|l| *l == e.urgency),
        c.pathway_labels.iter().position(|l| *l == e.pathway),
    )
}

/// Evaluates `model` on `examples`; also returns the raw logits (for routing).
pub fn evaluate(model: &TriageModel, examples: &[Example]) -> Result<(EvalReport, Vec<Logits>)> {
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let logits = model.logits(&texts)?;
    let c = model.config();
    let (mut gu, mut gp, mut zu, mut zp) = (vec![], vec![], vec![], vec![]);
    let nu = c.urgency_labels.len();
    let mut confusion = vec![vec![0usize; nu]; nu];
    let (mut n_high, mut under) = (0, 0);
    for (e, l) in examples.iter().zip(&logits) {
        let (u, p) = gold(model, e);
        if let Some(u) = u {
            let pred = argmax_f32(&l.urgency);
            confusion[u][pred] += 1;
            let gold_low = c.low_risk_urgency.contains(&c.urgency_labels[u]);
            let pred_low = c.low_risk_urgency.contains(&c.urgency_labels[pred]);
            if !gold_low {
                n_high += 1;
                if pred_low {
                    under += 1;
                }
            }
            gu.push(u);
            zu.push(l.urgency.clone());
        }
        if let Some(p) = p {
            gp.push(p);
            zp.push(l.pathway.clone());
        }
    }
    let head = |z: &[Vec<f32>], g: &[usize], n: usize, t: f64| {
        let pred: Vec<usize> = z.iter().map(|x| argmax_f32(x)).collect();
        HeadMetrics {
            macro_f1: macro_f1(g, &pred, n),
            accuracy: accuracy(g, &pred),
            ece_before: ece_at(z, g, 1.0),
            ece_after: ece_at(z, g, t),
            nll_before: nll(z, g, 1.0),
            nll_after: nll(z, g, t),
        }
    };
    let report = EvalReport {
        n: examples.len(),
        urgency: head(&zu, &gu, nu, c.temperature.urgency),
        pathway: head(&zp, &gp, c.pathway_labels.len(), c.temperature.pathway),
        n_high_risk: n_high,
        under_triage: under,
        urgency_confusion: confusion,
    };
    Ok((report, logits))
}

/// The routing view of held-out letters: calibrated low-risk probability, red flag, truth.
pub fn routing_cases(
    model: &TriageModel,
    examples: &[Example],
    logits: &[Logits],
    checker: &RedFlagChecker,
) -> Vec<CalibrationCase> {
    let c = model.config();
    examples
        .iter()
        .zip(logits)
        .map(|(e, l)| CalibrationCase {
            p_low_risk: model.prediction_from_logits(l).p_low_risk,
            has_red_flag: checker.check(&e.text).is_red_flag(),
            truly_high_risk: !c.low_risk_urgency.contains(&e.urgency),
        })
        .collect()
}

/// What a routing policy does to a set of letters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RoutingOutcome {
    pub n: usize,
    pub auto_routed: usize,
    pub n_low_risk: usize,
    pub low_risk_auto_routed: usize,
    /// Truly urgent letters that were auto-routed (the failure that matters).
    pub high_risk_auto_routed: usize,
    /// Letters the red-flag checker sent to review.
    pub red_flagged: usize,
}

impl RoutingOutcome {
    pub fn low_risk_share_routed(&self) -> f64 {
        if self.n_low_risk == 0 {
            0.0
        } else {
            self.low_risk_auto_routed as f64 / self.n_low_risk as f64
        }
    }
}

/// Applies `policy` to `cases`.
pub fn routing_outcome(policy: &RoutingPolicy, cases: &[CalibrationCase]) -> RoutingOutcome {
    let mut o = RoutingOutcome {
        n: cases.len(),
        auto_routed: 0,
        n_low_risk: 0,
        low_risk_auto_routed: 0,
        high_risk_auto_routed: 0,
        red_flagged: 0,
    };
    for c in cases {
        if c.has_red_flag {
            o.red_flagged += 1;
        }
        let routed = policy.auto_routes(c.p_low_risk, c.has_red_flag);
        if !c.truly_high_risk {
            o.n_low_risk += 1;
        }
        if routed {
            o.auto_routed += 1;
            if c.truly_high_risk {
                o.high_risk_auto_routed += 1;
            } else {
                o.low_risk_auto_routed += 1;
            }
        }
    }
    o
}

/// A numeric fact, the thresholds the rule table uses for it, and how close a value must be
/// to one to count as "near".
struct Analyte {
    name: &'static str,
    thresholds: &'static [f64],
    window: f64,
    get: fn(&ClinicalFacts) -> Option<f64>,
    set: fn(&mut ClinicalFacts, f64),
}

const ANALYTES: [Analyte; 6] = [
    Analyte {
        name: "fit",
        thresholds: &[10.0],
        window: 4.0,
        get: |f| f.fit,
        set: |f, v| f.fit = Some(v),
    },
    Analyte {
        name: "hb",
        thresholds: &[120.0, 130.0],
        window: 8.0,
        get: |f| f.hb,
        set: |f, v| f.hb = Some(v),
    },
    Analyte {
        name: "ferritin",
        thresholds: &[30.0],
        window: 8.0,
        get: |f| f.ferritin,
        set: |f, v| f.ferritin = Some(v),
    },
    Analyte {
        name: "calprotectin",
        thresholds: &[100.0, 250.0],
        window: 30.0,
        get: |f| f.calprotectin,
        set: |f, v| f.calprotectin = Some(v),
    },
    Analyte {
        name: "alt",
        thresholds: &[40.0, 300.0],
        window: 40.0,
        get: |f| f.alt,
        set: |f, v| f.alt = Some(v),
    },
    Analyte {
        name: "age",
        thresholds: &[40.0, 50.0, 55.0, 60.0],
        window: 3.0,
        get: |f| f.age.map(f64::from),
        set: |f, v| f.age = Some(v as u32),
    },
];

/// Generated letters whose urgency hinges on a number: a value within a few units of a rule
/// threshold such that moving it just across the threshold changes the urgency. Returns
/// `(letter index, analyte)`; a letter counts once, for its first hinge.
pub fn threshold_cases(letters: &[ReferralLetter]) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    'letters: for (i, l) in letters.iter().enumerate() {
        let base = apply_rules(&l.facts).urgency;
        for a in &ANALYTES {
            let Some(v) = (a.get)(&l.facts) else {
                continue;
            };
            for &t in a.thresholds {
                if (v - t).abs() > a.window {
                    continue;
                }
                let flipped = if v >= t { t - 1.0 } else { t };
                let mut f = l.facts.clone();
                (a.set)(&mut f, flipped);
                if apply_rules(&f).urgency != base {
                    out.push((i, a.name));
                    continue 'letters;
                }
            }
        }
    }
    out
}

/// Urgency accuracy on threshold-hinge letters, per analyte and overall: `(analyte, n,
/// correct)` rows, the overall row last (named "all").
pub fn threshold_accuracy(
    model: &TriageModel,
    letters: &[ReferralLetter],
    cases: &[(usize, &'static str)],
) -> Result<Vec<(String, usize, usize)>> {
    let texts: Vec<&str> = cases
        .iter()
        .map(|(i, _)| letters[*i].text.as_str())
        .collect();
    let preds = model.predict_batch(&texts)?;
    let mut rows: Vec<(String, usize, usize)> = Vec::new();
    for a in &ANALYTES {
        rows.push((a.name.to_string(), 0, 0));
    }
    rows.push(("all".to_string(), 0, 0));
    for ((i, name), p) in cases.iter().zip(&preds) {
        let right = p.urgency.label == letters[*i].urgency.as_str();
        for row in rows.iter_mut() {
            if row.0 == *name || row.0 == "all" {
                row.1 += 1;
                row.2 += usize::from(right);
            }
        }
    }
    rows.retain(|r| r.1 > 0);
    Ok(rows)
}
