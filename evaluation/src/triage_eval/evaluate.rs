//! The whole triage evaluation: run every system over the letters, score it, cut it into
//! slices and keep each letter's outcome for the misclassification list.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use synthetic::CorpusConfig;
use triage::decision::{Decider, Hold};
use triage::model::metrics::argmax;
use triage::model::{split_indices, Example};
use triage::redflags::RedFlag;
use triage::routing::{CalibrationCase, Decision, RoutingPolicy};
use triage::RedFlagChecker;

use super::calibration::{before_after, reliability, CalibrationPair};
use super::data::LabelledLetter;
use super::metrics::{accuracy, confusion_matrix, head_metrics, macro_f1, Bootstrap, HeadMetrics};
use super::safety::{
    curve_thresholds, routing_curve, routing_point, triage_errors, RoutingPoint, TriageErrors,
};
use super::tfidf::{TfidfBaseline, TfidfConfig};
use super::TriageEvalError;

/// Settings of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriageEvalSettings {
    pub bootstrap: Bootstrap,
    /// Bins of the reliability tables.
    pub reliability_bins: usize,
    pub tfidf: TfidfConfig,
}

impl Default for TriageEvalSettings {
    fn default() -> Self {
        TriageEvalSettings {
            bootstrap: Bootstrap::default(),
            reliability_bins: 10,
            tfidf: TfidfConfig::default(),
        }
    }
}

/// The systems scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemName {
    /// The transformer's top labels; routing on its low-risk probability alone.
    Transformer,
    /// What the product does (`triage::decision`): the rule table's labels over the facts the
    /// checker reads, with the model in its configured role; auto-routing only for a low-risk
    /// rule other than D, no high-risk fact, a familiar letter (and the model's agreement).
    Product,
    /// The rule table over the facts the checker reads; routing when it finds no red flag.
    RedFlagChecker,
    /// TF-IDF + multinomial logistic regression; routing on its low-risk probability at the
    /// saved threshold.
    TfidfLogreg,
}

impl SystemName {
    pub const ALL: [SystemName; 4] = [
        SystemName::Product,
        SystemName::Transformer,
        SystemName::RedFlagChecker,
        SystemName::TfidfLogreg,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SystemName::Transformer => "transformer",
            SystemName::Product => "product",
            SystemName::RedFlagChecker => "red_flag_checker",
            SystemName::TfidfLogreg => "tfidf_logreg",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            SystemName::Transformer => {
                "the model alone: its top calibrated label; auto-route when P(low risk) >= the saved threshold"
            }
            SystemName::Product => {
                "the product's decision (triage::decision): the rules' labels over the facts read; auto-route only for a low-risk rule other than D, no high-risk fact, a familiar letter and (model role veto) the model's agreement"
            }
            SystemName::RedFlagChecker => {
                "the red-flag checker's rule table over the facts it reads from the text; auto-route when it finds no red flag"
            }
            SystemName::TfidfLogreg => {
                "TF-IDF (word unigrams + bigrams) + multinomial logistic regression per head; auto-route when its P(low risk) >= the saved threshold"
            }
        }
    }
}

/// One system on the letters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemReport {
    pub name: SystemName,
    pub description: String,
    pub urgency: HeadMetrics,
    pub pathway: HeadMetrics,
    /// Under- and over-triage by the predicted urgency.
    pub triage_errors: TriageErrors,
    /// What its routing does (`None`: the system cannot auto-route, e.g. no saved threshold).
    pub routing: Option<RoutingPoint>,
    /// 10-bin ECE of its urgency and pathway probabilities, where it has probabilities.
    pub urgency_ece: Option<f64>,
    pub pathway_ece: Option<f64>,
}

/// The letters evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataSummary {
    pub letters: usize,
    /// Gold label counts in the model's label order.
    pub urgency_counts: Vec<(String, usize)>,
    pub pathway_counts: Vec<(String, usize)>,
    pub letters_with_source: usize,
    pub letters_with_age_band: usize,
    pub letters_with_ocr_field: usize,
    /// What the TF-IDF baseline was trained on.
    pub baseline_training: String,
    pub baseline_training_letters: usize,
    /// Evaluation letters whose exact text is also in the baseline's training letters.
    pub texts_also_in_baseline_training: usize,
}

/// The model as evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSummary {
    pub urgency_labels: Vec<String>,
    pub pathway_labels: Vec<String>,
    pub low_risk_urgency: Vec<String>,
    pub temperature_urgency: f64,
    pub temperature_pathway: f64,
    /// `routing.json` as saved.
    pub routing_policy: RoutingPolicy,
}

/// Calibration of the transformer's two heads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    pub urgency: CalibrationPair,
    pub pathway: CalibrationPair,
}

/// The auto-routing curve of the product (model + checker) and of the model alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutingReport {
    pub confidence: f64,
    pub max_risk: f64,
    /// The saved threshold (`None`: the policy never auto-routes).
    pub saved_threshold: Option<f64>,
    /// The saved threshold applied to these letters, with its Clopper-Pearson bound on them.
    pub operating_point: Option<RoutingPoint>,
    pub curve: Vec<RoutingPoint>,
    pub model_only_curve: Vec<RoutingPoint>,
    /// What the product did with the letters that are low risk by their labels: how many it
    /// auto-routed, and why it sent the others to a consultant.
    #[serde(default)]
    pub low_risk: LowRiskRouting,
}

/// The product's routing of the letters whose labels are low risk (routine, advice and
/// guidance): the routing share the product reaches, and what held the rest back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LowRiskRouting {
    pub letters: usize,
    pub auto_routed: usize,
    /// Per hold kind (in [`Hold::ALL`] order, kinds that held none left out): the held
    /// letters that carry it, and those for which it was the only hold.
    pub held_by: Vec<HoldCount>,
}

/// How many low-risk letters one kind of hold sent to review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldCount {
    pub hold: Hold,
    pub letters: usize,
    pub only_hold: usize,
}

/// [`LowRiskRouting`] of `outcomes`, with `low_risk[u]` whether urgency label `u` is low risk.
pub fn low_risk_routing(outcomes: &[LetterOutcome], low_risk: &[bool]) -> LowRiskRouting {
    let low: Vec<&LetterOutcome> = outcomes
        .iter()
        .filter(|o| low_risk[o.gold_urgency])
        .collect();
    let held_by = Hold::ALL
        .into_iter()
        .map(|hold| HoldCount {
            hold,
            letters: low.iter().filter(|o| o.holds.contains(&hold)).count(),
            only_hold: low.iter().filter(|o| o.holds == [hold]).count(),
        })
        .filter(|c| c.letters > 0)
        .collect();
    LowRiskRouting {
        letters: low.len(),
        auto_routed: low
            .iter()
            .filter(|o| o.decision == Decision::AutoRoute)
            .count(),
        held_by,
    }
}

/// One slice of the letters (e.g. `source = terse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SliceRow {
    pub dimension: String,
    pub value: String,
    pub letters: usize,
    pub high_risk: usize,
    pub transformer_urgency_accuracy: Option<f64>,
    pub transformer_urgency_macro_f1: Option<f64>,
    pub transformer_pathway_accuracy: Option<f64>,
    pub transformer_pathway_macro_f1: Option<f64>,
    /// High-risk letters the transformer called low risk.
    pub transformer_under_triage: usize,
    pub product_auto_routed: usize,
    pub product_high_risk_auto_routed: usize,
    pub checker_urgency_accuracy: Option<f64>,
    pub tfidf_urgency_accuracy: Option<f64>,
    #[serde(default)]
    pub product_urgency_macro_f1: Option<f64>,
    #[serde(default)]
    pub product_pathway_macro_f1: Option<f64>,
}

/// Everything measured (the `metrics` part of `metrics.json`): the same letters, model,
/// settings and seed give the same report, byte for byte.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriageEvalReport {
    pub data: DataSummary,
    pub model: ModelSummary,
    pub settings: TriageEvalSettings,
    /// The headline figures, flat (`product.urgency.macro_f1`, ...), as `--compare` reads them.
    pub headline: BTreeMap<String, f64>,
    pub systems: Vec<SystemReport>,
    pub calibration: CalibrationReport,
    pub routing: RoutingReport,
    pub slices: Vec<SliceRow>,
    /// Letters the transformer got wrong on either head.
    pub misclassified: usize,
    /// Systems left out, with why.
    pub skipped: Vec<String>,
}

impl TriageEvalReport {
    pub fn system(&self, name: SystemName) -> Option<&SystemReport> {
        self.systems.iter().find(|s| s.name == name)
    }
}

/// What happened to one letter.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterOutcome {
    pub letter: LabelledLetter,
    pub gold_urgency: usize,
    pub gold_pathway: usize,
    /// The transformer's calibrated probabilities, in the model's label order.
    pub urgency_probabilities: Vec<f64>,
    pub pathway_probabilities: Vec<f64>,
    pub p_low_risk: f64,
    pub red_flags: Vec<RedFlag>,
    pub decision: Decision,
    /// What sent the letter to review (empty when the product auto-routed it).
    pub holds: Vec<Hold>,
    /// Predicted label index per system, in [`SystemName::ALL`] order (`None`: the system
    /// cannot name a label the model knows).
    pub predicted: [(Option<usize>, Option<usize>); 4],
    pub tfidf_p_low_risk: f64,
}

impl LetterOutcome {
    pub fn predicted(&self, system: SystemName) -> (Option<usize>, Option<usize>) {
        let i = SystemName::ALL
            .iter()
            .position(|s| *s == system)
            .unwrap_or(0);
        self.predicted[i]
    }

    /// Whether the transformer got either head wrong.
    pub fn transformer_wrong(&self) -> bool {
        let (u, p) = self.predicted(SystemName::Transformer);
        u != Some(self.gold_urgency) || p != Some(self.gold_pathway)
    }
}

/// The report and the per-letter outcomes behind it.
#[derive(Debug, Clone)]
pub struct TriageEvaluation {
    pub report: TriageEvalReport,
    pub letters: Vec<LetterOutcome>,
}

/// The letters the committed model was trained on, for the baseline: `letters` generated
/// letters with `seed` (default settings) and the training part (70%) of `paperlite train`'s
/// split (split seed `seed + 7`). With 20000 letters and seed 42 this is exactly the
/// training split of `models/triage-gi`.
pub fn baseline_training_set(letters: usize, seed: u64) -> synthetic::Result<Vec<Example>> {
    let corpus = synthetic::generate(&CorpusConfig::new(seed, letters))?;
    let parts = split_indices(corpus.len(), &[0.7, 0.1, 0.1], seed.wrapping_add(7));
    Ok(parts[0]
        .iter()
        .map(|&i| Example::from(&corpus[i]))
        .collect())
}

fn index_of(labels: &[String], label: &str) -> Option<usize> {
    labels.iter().position(|l| l == label)
}

/// Runs the evaluation. `baseline` is the TF-IDF baseline's training data and a line saying
/// what it is; `progress` hears what is being done.
pub fn evaluate_triage(
    decider: &Decider,
    letters: &[LabelledLetter],
    baseline: (&[Example], &str),
    settings: &TriageEvalSettings,
    progress: &mut dyn FnMut(&str),
) -> Result<TriageEvaluation, TriageEvalError> {
    if letters.is_empty() {
        return Err(TriageEvalError::NoLetters);
    }
    let (Some(model), Some(policy)) = (decider.model(), decider.policy()) else {
        return Err(TriageEvalError::Triage(triage::Error::Internal(
            "the evaluation needs the model and its routing policy".to_string(),
        )));
    };
    let c = model.config();
    let (ul, pl) = (&c.urgency_labels, &c.pathway_labels);
    let known = |labels: &[String]| labels.join(", ");
    let mut gold = Vec::with_capacity(letters.len());
    for l in letters {
        let u = index_of(ul, &l.urgency).ok_or_else(|| TriageEvalError::UnknownLabel {
            id: l.id.clone(),
            head: "urgency",
            label: l.urgency.clone(),
            known: known(ul),
        })?;
        let p = index_of(pl, &l.pathway).ok_or_else(|| TriageEvalError::UnknownLabel {
            id: l.id.clone(),
            head: "pathway",
            label: l.pathway.clone(),
            known: known(pl),
        })?;
        gold.push((u, p));
    }
    let low_risk: Vec<bool> = ul.iter().map(|l| c.low_risk_urgency.contains(l)).collect();

    // The TF-IDF baseline, on labels the model knows.
    progress(&format!(
        "training the TF-IDF baseline on {} letters",
        baseline.0.len()
    ));
    let mut skipped = Vec::new();
    let train: Vec<(&str, usize, usize)> = baseline
        .0
        .iter()
        .filter_map(|e| {
            Some((
                e.text.as_str(),
                index_of(ul, &e.urgency)?,
                index_of(pl, &e.pathway)?,
            ))
        })
        .collect();
    let tfidf = if train.is_empty() {
        skipped.push("tfidf_logreg: no training letter has labels the model knows".to_string());
        None
    } else {
        let texts: Vec<&str> = train.iter().map(|t| t.0).collect();
        let u: Vec<usize> = train.iter().map(|t| t.1).collect();
        let p: Vec<usize> = train.iter().map(|t| t.2).collect();
        Some(TfidfBaseline::train(
            &texts,
            &u,
            &p,
            (ul.len(), pl.len()),
            &settings.tfidf,
        ))
    };
    let training_texts: HashSet<&str> = baseline.0.iter().map(|e| e.text.as_str()).collect();

    progress(&format!("running the model over {} letters", letters.len()));
    let texts: Vec<&str> = letters.iter().map(|l| l.text.as_str()).collect();
    let logits = model.logits(&texts)?;
    progress("running the red-flag checker and the routing policy");
    let checker = RedFlagChecker::new();
    let checker_labels_known = triage::Urgency::ALL
        .iter()
        .all(|u| index_of(ul, u.as_str()).is_some())
        && triage::Pathway::ALL
            .iter()
            .all(|p| index_of(pl, p.as_str()).is_some());
    if !checker_labels_known {
        skipped.push(
            "red_flag_checker: the model's labels are not the specification's, so the rule \
             table's labels cannot be compared (the product still routes on red flags)"
                .to_string(),
        );
    }
    let mut outcomes = Vec::with_capacity(letters.len());
    for ((l, z), &(gu, gp)) in letters.iter().zip(&logits).zip(&gold) {
        let prediction = model.prediction_from_logits(z);
        let urgency_probabilities: Vec<f64> = prediction
            .urgency
            .probabilities
            .iter()
            .map(|x| x.1)
            .collect();
        let pathway_probabilities: Vec<f64> = prediction
            .pathway
            .probabilities
            .iter()
            .map(|x| x.1)
            .collect();
        let model_u = argmax(&urgency_probabilities);
        let model_p = argmax(&pathway_probabilities);
        let p_low_risk = prediction.p_low_risk;
        let t = decider.decide_with(&l.text, checker.check(&l.text), Some(prediction));
        let (checker_u, checker_p) = if checker_labels_known {
            (
                index_of(ul, t.check.urgency.as_str()),
                index_of(pl, t.check.pathway.as_str()),
            )
        } else {
            (None, None)
        };
        let product = if checker_labels_known {
            (
                index_of(ul, t.urgency.as_str()),
                index_of(pl, t.pathway.as_str()),
            )
        } else {
            (Some(model_u), Some(model_p))
        };
        let (tf_u, tf_p, tf_low) = match &tfidf {
            Some(m) => {
                let (pu, pp) = m.predict(&l.text);
                let low: f64 = pu
                    .iter()
                    .zip(&low_risk)
                    .filter(|(_, low)| **low)
                    .map(|(p, _)| p)
                    .sum();
                (Some(argmax(&pu)), Some(argmax(&pp)), low)
            }
            None => (None, None, 0.0),
        };
        outcomes.push(LetterOutcome {
            letter: l.clone(),
            gold_urgency: gu,
            gold_pathway: gp,
            urgency_probabilities,
            pathway_probabilities,
            p_low_risk,
            red_flags: t.check.red_flags,
            decision: t.decision,
            holds: t.holds,
            predicted: [
                product,
                (Some(model_u), Some(model_p)),
                (checker_u, checker_p),
                (tf_u, tf_p),
            ],
            tfidf_p_low_risk: tf_low,
        });
    }

    progress("scoring");
    let boot = &settings.bootstrap;
    let gold_u: Vec<usize> = gold.iter().map(|g| g.0).collect();
    let gold_p: Vec<usize> = gold.iter().map(|g| g.1).collect();
    let gold_low: Vec<bool> = gold_u.iter().map(|&u| low_risk[u]).collect();
    let threshold = policy.threshold;
    let confidence = policy.confidence;
    let cases = |p_low: &dyn Fn(&LetterOutcome) -> f64, flags: bool| -> Vec<CalibrationCase> {
        outcomes
            .iter()
            .zip(&gold_low)
            .map(|(o, &low)| CalibrationCase {
                p_low_risk: p_low(o),
                has_red_flag: flags && !o.red_flags.is_empty(),
                truly_high_risk: !low,
            })
            .collect()
    };
    // The model with the checker's veto (the routing curve), and the product's own decision
    // (auto-routed or not) as a 0/1 "probability" scored at 0.5.
    let flagged_model_cases = cases(&|o: &LetterOutcome| o.p_low_risk, true);
    let product_cases = cases(
        &|o: &LetterOutcome| f64::from(u8::from(o.decision == Decision::AutoRoute)),
        false,
    );
    let model_cases = cases(&|o: &LetterOutcome| o.p_low_risk, false);
    let tfidf_cases = cases(&|o: &LetterOutcome| o.tfidf_p_low_risk, false);
    let checker_cases = cases(&|_: &LetterOutcome| 1.0, true);
    let mut systems = Vec::new();
    for name in SystemName::ALL {
        let preds: Vec<(Option<usize>, Option<usize>)> =
            outcomes.iter().map(|o| o.predicted(name)).collect();
        if preds.iter().any(|p| p.0.is_none() || p.1.is_none()) {
            continue;
        }
        let pu: Vec<usize> = preds.iter().map(|p| p.0.unwrap_or(0)).collect();
        let pp: Vec<usize> = preds.iter().map(|p| p.1.unwrap_or(0)).collect();
        let pred_low: Vec<bool> = pu.iter().map(|&u| low_risk[u]).collect();
        let routing = match name {
            SystemName::Product => Some(routing_point(&product_cases, 0.5, confidence)),
            SystemName::Transformer => {
                threshold.map(|t| routing_point(&model_cases, t, confidence))
            }
            SystemName::TfidfLogreg => {
                threshold.map(|t| routing_point(&tfidf_cases, t, confidence))
            }
            SystemName::RedFlagChecker => Some(routing_point(&checker_cases, 0.0, confidence)),
        };
        let ece = |probs: &dyn Fn(&LetterOutcome) -> Option<Vec<f64>>, g: &[usize]| {
            let p: Option<Vec<Vec<f64>>> = outcomes.iter().map(probs).collect();
            p.map(|p| reliability(&p, g, settings.reliability_bins).0)
        };
        let (urgency_ece, pathway_ece) = match name {
            SystemName::Transformer => (
                ece(
                    &|o: &LetterOutcome| Some(o.urgency_probabilities.clone()),
                    &gold_u,
                ),
                ece(
                    &|o: &LetterOutcome| Some(o.pathway_probabilities.clone()),
                    &gold_p,
                ),
            ),
            SystemName::TfidfLogreg => match &tfidf {
                Some(m) => {
                    let probs: Vec<(Vec<f64>, Vec<f64>)> =
                        outcomes.iter().map(|o| m.predict(&o.letter.text)).collect();
                    let u: Vec<Vec<f64>> = probs.iter().map(|p| p.0.clone()).collect();
                    let p: Vec<Vec<f64>> = probs.iter().map(|p| p.1.clone()).collect();
                    (
                        Some(reliability(&u, &gold_u, settings.reliability_bins).0),
                        Some(reliability(&p, &gold_p, settings.reliability_bins).0),
                    )
                }
                None => (None, None),
            },
            _ => (None, None),
        };
        systems.push(SystemReport {
            name,
            description: name.description().to_string(),
            urgency: head_metrics(ul, &gold_u, &pu, boot),
            pathway: head_metrics(pl, &gold_p, &pp, boot),
            triage_errors: triage_errors(&gold_low, &pred_low, boot),
            routing,
            urgency_ece,
            pathway_ece,
        });
    }

    let zu: Vec<Vec<f32>> = logits.iter().map(|l| l.urgency.clone()).collect();
    let zp: Vec<Vec<f32>> = logits.iter().map(|l| l.pathway.clone()).collect();
    let bins = settings.reliability_bins;
    let calibration = CalibrationReport {
        urgency: before_after(&zu, &gold_u, c.temperature.urgency, bins),
        pathway: before_after(&zp, &gold_p, c.temperature.pathway, bins),
    };
    let thresholds = curve_thresholds(&threshold.into_iter().collect::<Vec<_>>());
    let routing = RoutingReport {
        confidence,
        max_risk: policy.max_risk,
        saved_threshold: threshold,
        operating_point: Some(routing_point(&product_cases, 0.5, confidence)),
        curve: routing_curve(&flagged_model_cases, &thresholds, confidence),
        model_only_curve: routing_curve(&model_cases, &thresholds, confidence),
        low_risk: low_risk_routing(&outcomes, &low_risk),
    };
    let slices = slices(&outcomes, &low_risk);
    let count = |labels: &[String], g: &[usize]| -> Vec<(String, usize)> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), g.iter().filter(|&&x| x == i).count()))
            .collect()
    };
    let data = DataSummary {
        letters: letters.len(),
        urgency_counts: count(ul, &gold_u),
        pathway_counts: count(pl, &gold_p),
        letters_with_source: letters.iter().filter(|l| l.source.is_some()).count(),
        letters_with_age_band: letters.iter().filter(|l| l.age_band.is_some()).count(),
        letters_with_ocr_field: letters.iter().filter(|l| l.ocr.is_some()).count(),
        baseline_training: baseline.1.to_string(),
        baseline_training_letters: train.len(),
        texts_also_in_baseline_training: letters
            .iter()
            .filter(|l| training_texts.contains(l.text.as_str()))
            .count(),
    };
    let mut report = TriageEvalReport {
        data,
        model: ModelSummary {
            urgency_labels: ul.clone(),
            pathway_labels: pl.clone(),
            low_risk_urgency: c.low_risk_urgency.clone(),
            temperature_urgency: c.temperature.urgency,
            temperature_pathway: c.temperature.pathway,
            routing_policy: policy.clone(),
        },
        settings: settings.clone(),
        headline: BTreeMap::new(),
        systems,
        calibration,
        routing,
        slices,
        misclassified: outcomes.iter().filter(|o| o.transformer_wrong()).count(),
        skipped,
    };
    report.headline = headline(&report);
    Ok(TriageEvaluation {
        report,
        letters: outcomes,
    })
}

/// The flat headline figures.
fn headline(r: &TriageEvalReport) -> BTreeMap<String, f64> {
    let mut h = BTreeMap::new();
    let mut put = |k: String, v: Option<f64>| {
        if let Some(v) = v {
            h.insert(k, v);
        }
    };
    for s in &r.systems {
        let n = s.name.as_str();
        put(format!("{n}.urgency.accuracy"), s.urgency.accuracy);
        put(format!("{n}.urgency.macro_f1"), s.urgency.macro_f1);
        put(format!("{n}.pathway.accuracy"), s.pathway.accuracy);
        put(format!("{n}.pathway.macro_f1"), s.pathway.macro_f1);
        put(
            format!("{n}.under_triage_rate"),
            s.triage_errors.under_triage_rate,
        );
        put(
            format!("{n}.over_triage_rate"),
            s.triage_errors.over_triage_rate,
        );
        if let Some(rt) = &s.routing {
            put(format!("{n}.share_auto_routed"), Some(rt.share_auto_routed));
            put(
                format!("{n}.high_risk_auto_routed"),
                Some(rt.high_risk_auto_routed as f64),
            );
        }
    }
    let cal = &r.calibration;
    put(
        "transformer.urgency.ece_before".into(),
        Some(cal.urgency.before.ece),
    );
    put(
        "transformer.urgency.ece_after".into(),
        Some(cal.urgency.after.ece),
    );
    put(
        "transformer.pathway.ece_before".into(),
        Some(cal.pathway.before.ece),
    );
    put(
        "transformer.pathway.ece_after".into(),
        Some(cal.pathway.after.ece),
    );
    if let Some(op) = &r.routing.operating_point {
        put("routing.upper_bound".into(), Some(op.upper_bound));
    }
    let low = &r.routing.low_risk;
    if low.letters > 0 {
        put(
            "product.low_risk_auto_routed_share".into(),
            Some(low.auto_routed as f64 / low.letters as f64),
        );
    }
    h
}

/// Slices by source, age band and OCR; letters without the field form an "unknown" slice,
/// and a dimension no letter has is left out.
fn slices(outcomes: &[LetterOutcome], low_risk: &[bool]) -> Vec<SliceRow> {
    type Key = fn(&LabelledLetter) -> Option<String>;
    let dims: [(&str, Key); 3] = [
        ("source", |l: &LabelledLetter| l.source.clone()),
        ("age_band", |l: &LabelledLetter| l.age_band.clone()),
        ("ocr", |l: &LabelledLetter| l.ocr.map(|b| b.to_string())),
    ];
    let mut rows = Vec::new();
    for (dim, key) in dims {
        if outcomes.iter().all(|o| key(&o.letter).is_none()) {
            continue;
        }
        let mut groups: BTreeMap<String, Vec<&LetterOutcome>> = BTreeMap::new();
        for o in outcomes {
            let k = key(&o.letter).unwrap_or_else(|| "unknown".to_string());
            groups.entry(k).or_default().push(o);
        }
        for (value, members) in groups {
            rows.push(slice_row(dim, value, &members, low_risk));
        }
    }
    rows
}

fn slice_row(dim: &str, value: String, members: &[&LetterOutcome], low_risk: &[bool]) -> SliceRow {
    let head = |system: SystemName, urgency: bool| -> Option<Vec<Vec<usize>>> {
        let k = if urgency {
            low_risk.len()
        } else {
            members.first()?.pathway_probabilities.len()
        };
        let mut g = Vec::new();
        let mut p = Vec::new();
        for o in members {
            let pred = o.predicted(system);
            let (gold, pred) = if urgency {
                (o.gold_urgency, pred.0?)
            } else {
                (o.gold_pathway, pred.1?)
            };
            g.push(gold);
            p.push(pred);
        }
        Some(confusion_matrix(&g, &p, k))
    };
    let tu = head(SystemName::Transformer, true);
    let tp = head(SystemName::Transformer, false);
    let high: Vec<&&LetterOutcome> = members
        .iter()
        .filter(|o| !low_risk[o.gold_urgency])
        .collect();
    SliceRow {
        dimension: dim.to_string(),
        value,
        letters: members.len(),
        high_risk: high.len(),
        transformer_urgency_accuracy: tu.as_deref().and_then(accuracy),
        transformer_urgency_macro_f1: tu.as_deref().and_then(macro_f1),
        transformer_pathway_accuracy: tp.as_deref().and_then(accuracy),
        transformer_pathway_macro_f1: tp.as_deref().and_then(macro_f1),
        transformer_under_triage: high
            .iter()
            .filter(|o| {
                o.predicted(SystemName::Transformer)
                    .0
                    .is_some_and(|u| low_risk[u])
            })
            .count(),
        product_auto_routed: members
            .iter()
            .filter(|o| o.decision == Decision::AutoRoute)
            .count(),
        product_high_risk_auto_routed: high
            .iter()
            .filter(|o| o.decision == Decision::AutoRoute)
            .count(),
        checker_urgency_accuracy: head(SystemName::RedFlagChecker, true)
            .as_deref()
            .and_then(accuracy),
        tfidf_urgency_accuracy: head(SystemName::TfidfLogreg, true)
            .as_deref()
            .and_then(accuracy),
        product_urgency_macro_f1: head(SystemName::Product, true)
            .as_deref()
            .and_then(macro_f1),
        product_pathway_macro_f1: head(SystemName::Product, false)
            .as_deref()
            .and_then(macro_f1),
    }
}
