//! The triage evaluation's run directory: `report.html`, `metrics.json` and the CSVs
//! (`per_class.csv`, `confusion_<system>_<head>.csv`, `reliability.csv`,
//! `routing_curve.csv`, `slices.csv`, `misclassified.csv`).

use std::collections::BTreeMap;
use std::path::Path;

use super::html::{compare_table, Page};
use super::svg::{heat_table, reliability_diagram, routing_curve};
use super::{
    compare, create_dir, csv_line, metrics_json, num, write, Provenance, ReportError, RunRecord,
};
use crate::triage_eval::calibration::CalibrationPair;
use crate::triage_eval::metrics::{HeadMetrics, Interval};
use crate::triage_eval::safety::RoutingPoint;
use crate::triage_eval::{SystemName, TriageEvalReport, TriageEvaluation};

/// Another run to compare with: its directory (as given) and headline figures.
pub struct Comparison<'a> {
    pub dir: &'a str,
    pub headline: &'a BTreeMap<String, f64>,
}

/// Writes the whole run directory.
pub fn write_triage_run(
    dir: &Path,
    evaluation: &TriageEvaluation,
    provenance: &Provenance,
    other: Option<&Comparison<'_>>,
) -> Result<(), ReportError> {
    create_dir(dir)?;
    let r = &evaluation.report;
    let record = RunRecord {
        provenance: provenance.clone(),
        metrics: r,
    };
    write(&dir.join("metrics.json"), metrics_json(&record)?)?;
    write(&dir.join("per_class.csv"), per_class_csv(r))?;
    for s in &r.systems {
        for (head, m) in [("urgency", &s.urgency), ("pathway", &s.pathway)] {
            write(
                &dir.join(format!("confusion_{}_{head}.csv", s.name.as_str())),
                confusion_csv(m),
            )?;
        }
    }
    write(&dir.join("reliability.csv"), reliability_csv(r))?;
    write(&dir.join("routing_curve.csv"), routing_csv(r))?;
    write(&dir.join("slices.csv"), slices_csv(r))?;
    write(
        &dir.join("misclassified.csv"),
        misclassified_csv(evaluation),
    )?;
    write(
        &dir.join("report.html"),
        html(evaluation, provenance, other),
    )?;
    Ok(())
}

fn ci(i: Option<Interval>) -> (String, String) {
    (num(i.map(|i| i.low), 4), num(i.map(|i| i.high), 4))
}

fn per_class_csv(r: &TriageEvalReport) -> String {
    let mut out = csv_line(&[
        "system",
        "head",
        "label",
        "support",
        "predicted",
        "tp",
        "precision",
        "precision_low",
        "precision_high",
        "recall",
        "recall_low",
        "recall_high",
        "f1",
        "f1_low",
        "f1_high",
    ]);
    for s in &r.systems {
        for (head, m) in [("urgency", &s.urgency), ("pathway", &s.pathway)] {
            for c in &m.per_class {
                let (pl, ph) = ci(c.precision_ci);
                let (rl, rh) = ci(c.recall_ci);
                let (fl, fh) = ci(c.f1_ci);
                out.push_str(&csv_line(&[
                    s.name.as_str().to_string(),
                    head.to_string(),
                    c.label.clone(),
                    c.support.to_string(),
                    c.predicted.to_string(),
                    c.tp.to_string(),
                    num(c.precision, 4),
                    pl,
                    ph,
                    num(c.recall, 4),
                    rl,
                    rh,
                    num(c.f1, 4),
                    fl,
                    fh,
                ]));
            }
        }
    }
    out
}

fn confusion_csv(m: &HeadMetrics) -> String {
    let mut header = vec!["gold\\predicted".to_string()];
    header.extend(m.labels.iter().cloned());
    let mut out = csv_line(&header);
    for (label, row) in m.labels.iter().zip(&m.confusion) {
        let mut line = vec![label.clone()];
        line.extend(row.iter().map(usize::to_string));
        out.push_str(&csv_line(&line));
    }
    out
}

fn reliability_csv(r: &TriageEvalReport) -> String {
    let mut out = csv_line(&[
        "head",
        "temperature",
        "bin_lower",
        "bin_upper",
        "letters",
        "mean_confidence",
        "accuracy",
    ]);
    for (head, pair) in [
        ("urgency", &r.calibration.urgency),
        ("pathway", &r.calibration.pathway),
    ] {
        for cal in [&pair.before, &pair.after] {
            for b in &cal.bins {
                out.push_str(&csv_line(&[
                    head.to_string(),
                    format!("{:.6}", cal.temperature),
                    format!("{:.2}", b.lower),
                    format!("{:.2}", b.upper),
                    b.letters.to_string(),
                    num(b.mean_confidence, 4),
                    num(b.accuracy, 4),
                ]));
            }
        }
    }
    out
}

fn routing_csv(r: &TriageEvalReport) -> String {
    let mut out = csv_line(&[
        "curve",
        "threshold",
        "letters",
        "auto_routed",
        "share_auto_routed",
        "high_risk_auto_routed",
        "urgent_share_among_auto_routed",
        "upper_bound",
        "low_risk",
        "share_low_risk_routed",
    ]);
    for (name, curve) in [
        ("product", &r.routing.curve),
        ("model_only", &r.routing.model_only_curve),
    ] {
        for p in curve {
            out.push_str(&csv_line(&[
                name.to_string(),
                format!("{:.4}", p.threshold),
                p.letters.to_string(),
                p.auto_routed.to_string(),
                format!("{:.4}", p.share_auto_routed),
                p.high_risk_auto_routed.to_string(),
                num(p.under_triage_rate_routed, 4),
                format!("{:.6}", p.upper_bound),
                p.low_risk.to_string(),
                num(p.share_low_risk_routed, 4),
            ]));
        }
    }
    out
}

fn slices_csv(r: &TriageEvalReport) -> String {
    let mut out = csv_line(&[
        "dimension",
        "value",
        "letters",
        "high_risk",
        "transformer_urgency_accuracy",
        "transformer_urgency_macro_f1",
        "transformer_pathway_accuracy",
        "transformer_pathway_macro_f1",
        "transformer_under_triage",
        "product_auto_routed",
        "product_high_risk_auto_routed",
        "checker_urgency_accuracy",
        "tfidf_urgency_accuracy",
        "product_urgency_macro_f1",
        "product_pathway_macro_f1",
    ]);
    for s in &r.slices {
        out.push_str(&csv_line(&[
            s.dimension.clone(),
            s.value.clone(),
            s.letters.to_string(),
            s.high_risk.to_string(),
            num(s.transformer_urgency_accuracy, 4),
            num(s.transformer_urgency_macro_f1, 4),
            num(s.transformer_pathway_accuracy, 4),
            num(s.transformer_pathway_macro_f1, 4),
            s.transformer_under_triage.to_string(),
            s.product_auto_routed.to_string(),
            s.product_high_risk_auto_routed.to_string(),
            num(s.checker_urgency_accuracy, 4),
            num(s.tfidf_urgency_accuracy, 4),
            num(s.product_urgency_macro_f1, 4),
            num(s.product_pathway_macro_f1, 4),
        ]));
    }
    out
}

/// Every letter the transformer got wrong on either head, with its probabilities and the
/// red flags the checker found.
fn misclassified_csv(e: &TriageEvaluation) -> String {
    let m = &e.report.model;
    let mut header: Vec<String> = [
        "id",
        "source",
        "true_urgency",
        "predicted_urgency",
        "true_pathway",
        "predicted_pathway",
        "wrong",
        "under_triage",
        "p_low_risk",
        "decision",
        "red_flags",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(m.urgency_labels.iter().map(|l| format!("p_urgency_{l}")));
    header.extend(m.pathway_labels.iter().map(|l| format!("p_pathway_{l}")));
    let mut out = csv_line(&header);
    let low: Vec<bool> = m
        .urgency_labels
        .iter()
        .map(|l| m.low_risk_urgency.contains(l))
        .collect();
    for o in e.letters.iter().filter(|o| o.transformer_wrong()) {
        let (pu, pp) = o.predicted(SystemName::Transformer);
        let pu = pu.unwrap_or(0);
        let pp = pp.unwrap_or(0);
        let wrong = match (pu != o.gold_urgency, pp != o.gold_pathway) {
            (true, true) => "both",
            (true, false) => "urgency",
            _ => "pathway",
        };
        let flags: Vec<String> = o
            .red_flags
            .iter()
            .map(|f| {
                if f.text.is_empty() {
                    f.rule.to_string()
                } else {
                    // Evidence can span a line break; keep one letter to one CSV line.
                    let text: Vec<&str> = f.text.split_whitespace().collect();
                    format!("{}: {}", f.rule, text.join(" "))
                }
            })
            .collect();
        let mut line = vec![
            o.letter.id.clone(),
            o.letter.source.clone().unwrap_or_default(),
            m.urgency_labels[o.gold_urgency].clone(),
            m.urgency_labels[pu].clone(),
            m.pathway_labels[o.gold_pathway].clone(),
            m.pathway_labels[pp].clone(),
            wrong.to_string(),
            (!low[o.gold_urgency] && low[pu]).to_string(),
            format!("{:.4}", o.p_low_risk),
            serde_json::to_value(o.decision)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            flags.join("; "),
        ];
        line.extend(o.urgency_probabilities.iter().map(|p| format!("{p:.4}")));
        line.extend(o.pathway_probabilities.iter().map(|p| format!("{p:.4}")));
        out.push_str(&csv_line(&line));
    }
    out
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", v * 100.0))
}

fn f3(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn with_ci(x: Option<f64>, i: Option<Interval>) -> String {
    match (x, i) {
        (Some(v), Some(i)) => format!("{v:.3} ({:.3}-{:.3})", i.low, i.high),
        (Some(v), None) => format!("{v:.3}"),
        _ => "-".to_string(),
    }
}

fn rate(n: usize, of: usize, x: Option<f64>, i: Option<Interval>) -> String {
    match (x, i) {
        (Some(v), Some(i)) => format!(
            "{n}/{of} = {:.1}% ({:.1}-{:.1}%)",
            v * 100.0,
            i.low * 100.0,
            i.high * 100.0
        ),
        _ => format!("{n}/{of}"),
    }
}

fn routing_cell(p: Option<&RoutingPoint>) -> (String, String) {
    match p {
        Some(p) => (
            format!("{} ({})", p.auto_routed, pct(Some(p.share_auto_routed))),
            format!("{}/{}", p.high_risk_auto_routed, p.auto_routed),
        ),
        None => ("none (no threshold)".to_string(), "-".to_string()),
    }
}

fn html(e: &TriageEvaluation, provenance: &Provenance, other: Option<&Comparison<'_>>) -> String {
    let r = &e.report;
    let mut page = Page::new();
    let d = &r.data;

    page.section("summary", "Summary");
    page.para(&format!(
        "{} labelled letters; urgency: {}; pathway: {}.",
        d.letters,
        d.urgency_counts
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        d.pathway_counts
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    page.note(&format!(
        "Intervals are 95% percentile-bootstrap intervals over {} resamples of the letters \
         (seed {}; the same resamples for every system, so systems are compared on paired \
         resamples). Under-triage: a truly {} letter given a low-risk urgency ({}). \
         Over-triage: a truly low-risk letter given a high-risk urgency.",
        r.settings.bootstrap.resamples,
        r.settings.bootstrap.seed,
        r.model
            .urgency_labels
            .iter()
            .filter(|l| !r.model.low_risk_urgency.contains(l))
            .cloned()
            .collect::<Vec<_>>()
            .join(" or "),
        r.model.low_risk_urgency.join(" or ")
    ));
    if d.texts_also_in_baseline_training > 0 {
        page.note(&format!(
            "Warning: {} evaluation letters also appear, word for word, in the baseline's \
             training letters.",
            d.texts_also_in_baseline_training
        ));
    }
    for s in &r.skipped {
        page.note(&format!("Not scored: {s}"));
    }

    page.section(
        "baselines",
        "Baselines and the product, on the same letters",
    );
    let rows: Vec<Vec<String>> = r
        .systems
        .iter()
        .map(|s| {
            let (routed, urgent) = routing_cell(s.routing.as_ref());
            let t = &s.triage_errors;
            vec![
                s.name.as_str().to_string(),
                with_ci(s.urgency.accuracy, s.urgency.accuracy_ci),
                with_ci(s.urgency.macro_f1, s.urgency.macro_f1_ci),
                with_ci(s.pathway.accuracy, s.pathway.accuracy_ci),
                with_ci(s.pathway.macro_f1, s.pathway.macro_f1_ci),
                rate(
                    t.under_triage,
                    t.high_risk,
                    t.under_triage_rate,
                    t.under_triage_rate_ci,
                ),
                rate(
                    t.over_triage,
                    t.low_risk,
                    t.over_triage_rate,
                    t.over_triage_rate_ci,
                ),
                routed,
                urgent,
            ]
        })
        .collect();
    page.table(
        &[
            "system",
            "urgency accuracy",
            "urgency macro-F1",
            "pathway accuracy",
            "pathway macro-F1",
            "under-triage",
            "over-triage",
            "auto-routed",
            "urgent among auto-routed",
        ],
        &rows,
    );
    for s in &r.systems {
        page.note(&format!("{}: {}.", s.name.as_str(), s.name.description()));
    }
    page.note(&format!(
        "TF-IDF baseline trained on: {} ({} letters).",
        d.baseline_training, d.baseline_training_letters
    ));

    page.section("per-class", "Per-class precision, recall and F1");
    for s in &r.systems {
        for (head, m) in [("urgency", &s.urgency), ("pathway", &s.pathway)] {
            page.h3(&format!("{} - {head}", s.name.as_str()));
            let rows: Vec<Vec<String>> = m
                .per_class
                .iter()
                .map(|c| {
                    vec![
                        c.label.clone(),
                        c.support.to_string(),
                        c.predicted.to_string(),
                        with_ci(c.precision, c.precision_ci),
                        with_ci(c.recall, c.recall_ci),
                        with_ci(c.f1, c.f1_ci),
                    ]
                })
                .collect();
            page.table(
                &["label", "support", "predicted", "precision", "recall", "F1"],
                &rows,
            );
        }
    }

    page.section("confusion", "Confusion matrices");
    page.note("Rows are the true labels, columns the predicted ones; shading is the share of the row (blue: right, red: wrong).");
    for s in &r.systems {
        for (head, m) in [("urgency", &s.urgency), ("pathway", &s.pathway)] {
            page.h3(&format!("{} - {head}", s.name.as_str()));
            page.raw(&heat_table(&m.labels, &m.confusion));
        }
    }

    page.section("calibration", "Calibration (transformer)");
    let cal_row = |head: &str, p: &CalibrationPair| -> Vec<String> {
        vec![
            head.to_string(),
            format!("{:.4}", p.after.temperature),
            format!("{:.4}", p.before.ece),
            format!("{:.4}", p.after.ece),
            format!("{:.4}", p.before.ece_15_bins),
            format!("{:.4}", p.after.ece_15_bins),
            format!("{:.4}", p.before.nll),
            format!("{:.4}", p.after.nll),
        ]
    };
    page.table(
        &[
            "head",
            "saved temperature",
            "ECE before",
            "ECE after",
            "ECE (15 bins) before",
            "ECE (15 bins) after",
            "NLL before",
            "NLL after",
        ],
        &[
            cal_row("urgency", &r.calibration.urgency),
            cal_row("pathway", &r.calibration.pathway),
        ],
    );
    page.note(&format!(
        "ECE: expected calibration error over {} equal-width bins of the top-class probability \
         (the 15-bin figure is the model card's definition). Before: temperature 1; after: the \
         temperature saved with the model.",
        r.settings.reliability_bins
    ));
    for (head, pair) in [
        ("urgency", &r.calibration.urgency),
        ("pathway", &r.calibration.pathway),
    ] {
        page.figure(
            &reliability_diagram(&format!("reliability diagram, {head}"), &pair.before.bins, &pair.after.bins),
            &format!("Reliability diagram, {head} head: accuracy against confidence per bin (dot area grows with the letters in the bin); the dashed diagonal is perfect calibration."),
        );
        let rows: Vec<Vec<String>> = pair
            .before
            .bins
            .iter()
            .zip(&pair.after.bins)
            .map(|(b, a)| {
                vec![
                    format!("{:.1}-{:.1}", b.lower, b.upper),
                    b.letters.to_string(),
                    f3(b.mean_confidence),
                    f3(b.accuracy),
                    a.letters.to_string(),
                    f3(a.mean_confidence),
                    f3(a.accuracy),
                ]
            })
            .collect();
        let bin_header = format!("{head} bin");
        page.table(
            &[
                bin_header.as_str(),
                "letters (before)",
                "confidence",
                "accuracy",
                "letters (after)",
                "confidence",
                "accuracy",
            ],
            &rows,
        );
    }

    page.section("routing", "Auto-routing curve");
    let rt = &r.routing;
    match &rt.operating_point {
        Some(p) => page.para(&format!(
            "Saved operating point: threshold {:.4} on P(low risk), and no red flag. On these \
             letters it auto-routes {} of {} ({}), {} of them truly urgent; the {:.0}% upper \
             bound on the urgent share among auto-routed letters is {:.4} (tolerated: {:.4}). \
             On the model's own calibration letters the bound was {:.4} ({} routed, {} urgent).",
            p.threshold,
            p.auto_routed,
            p.letters,
            pct(Some(p.share_auto_routed)),
            p.high_risk_auto_routed,
            rt.confidence * 100.0,
            p.upper_bound,
            rt.max_risk,
            r.model.routing_policy.upper_bound,
            r.model.routing_policy.n_routed,
            r.model.routing_policy.events
        )),
        None => page.para("The saved policy has no threshold: it auto-routes nothing."),
    }
    let low = &rt.low_risk;
    if low.letters > 0 {
        page.para(&format!(
            "Letters low risk by their labels (routine, advice and guidance): the product \
             auto-routed {} of {} ({}). What sent the others to a consultant (a letter may be \
             held for several reasons; \"alone\" counts those held for that reason only):",
            low.auto_routed,
            low.letters,
            pct(Some(low.auto_routed as f64 / low.letters as f64)),
        ));
        let rows: Vec<Vec<String>> = low
            .held_by
            .iter()
            .map(|c| {
                vec![
                    c.hold.as_str().to_string(),
                    c.letters.to_string(),
                    c.only_hold.to_string(),
                ]
            })
            .collect();
        page.table(&["held by", "letters", "alone"], &rows);
    }
    page.figure(
        &routing_curve(
            "routing curve (model + red-flag checker)",
            &rt.curve,
            rt.operating_point.as_ref(),
            rt.max_risk,
        ),
        "Product routing (model threshold and no red flag) as the threshold moves from 1 down to 0: share of letters auto-routed against the share of truly urgent letters among them, with the one-sided Clopper-Pearson upper bound.",
    );
    page.figure(
        &routing_curve(
            "routing curve (model alone)",
            &rt.model_only_curve,
            None,
            rt.max_risk,
        ),
        "The same for the model alone (no red-flag checker): what the checker adds.",
    );
    let rows: Vec<Vec<String>> = rt
        .curve
        .iter()
        .zip(&rt.model_only_curve)
        .filter(|(p, _)| {
            let t = (p.threshold * 100.0).round() as i64;
            t % 10 == 0 || t >= 90 || rt.saved_threshold == Some(p.threshold)
        })
        .map(|(p, m)| {
            vec![
                format!("{:.4}", p.threshold),
                format!("{} ({})", p.auto_routed, pct(Some(p.share_auto_routed))),
                p.high_risk_auto_routed.to_string(),
                pct(p.under_triage_rate_routed),
                format!("{:.4}", p.upper_bound),
                pct(p.share_low_risk_routed),
                format!("{} ({})", m.auto_routed, pct(Some(m.share_auto_routed))),
                m.high_risk_auto_routed.to_string(),
                format!("{:.4}", m.upper_bound),
            ]
        })
        .collect();
    page.table(
        &[
            "threshold",
            "auto-routed",
            "urgent auto-routed",
            "urgent share",
            "upper bound",
            "low-risk letters routed",
            "model alone: auto-routed",
            "urgent",
            "upper bound",
        ],
        &rows,
    );
    page.note("Every threshold (0.00 to 1.00 by 0.01) is in routing_curve.csv.");

    page.section("slices", "Slices");
    if r.slices.is_empty() {
        page.para("The letters carry no source, age or OCR field to slice by.");
    } else {
        let rows: Vec<Vec<String>> = r
            .slices
            .iter()
            .map(|s| {
                vec![
                    format!("{} = {}", s.dimension, s.value),
                    s.letters.to_string(),
                    f3(s.transformer_urgency_accuracy),
                    f3(s.transformer_urgency_macro_f1),
                    f3(s.transformer_pathway_accuracy),
                    format!("{}/{}", s.transformer_under_triage, s.high_risk),
                    format!(
                        "{} ({} urgent)",
                        s.product_auto_routed, s.product_high_risk_auto_routed
                    ),
                    f3(s.checker_urgency_accuracy),
                    f3(s.tfidf_urgency_accuracy),
                ]
            })
            .collect();
        page.table(
            &[
                "slice",
                "letters",
                "transformer urgency accuracy",
                "urgency macro-F1",
                "pathway accuracy",
                "under-triage",
                "product auto-routed",
                "checker urgency accuracy",
                "TF-IDF urgency accuracy",
            ],
            &rows,
        );
        page.note("ocr = true: the text came through OCR (for generated letters: OCR noise was applied). Small slices have wide uncertainty.");
    }

    page.section("misclassified", "Misclassified letters");
    page.para(&format!(
        "{} letters where the transformer got the urgency or the pathway wrong are listed in \
         misclassified.csv (id, true and predicted labels, probabilities, red flags).",
        r.misclassified
    ));
    let rows: Vec<Vec<String>> = e
        .letters
        .iter()
        .filter(|o| o.transformer_wrong())
        .take(25)
        .map(|o| {
            let (pu, pp) = o.predicted(SystemName::Transformer);
            let m = &r.model;
            vec![
                o.letter.id.clone(),
                format!(
                    "{} -> {}",
                    m.urgency_labels[o.gold_urgency],
                    m.urgency_labels[pu.unwrap_or(0)]
                ),
                format!(
                    "{} -> {}",
                    m.pathway_labels[o.gold_pathway],
                    m.pathway_labels[pp.unwrap_or(0)]
                ),
                format!("{:.3}", o.p_low_risk),
                o.red_flags
                    .iter()
                    .map(|f| f.rule.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    page.table(
        &[
            "id",
            "urgency (true -> predicted)",
            "pathway",
            "P(low risk)",
            "red flags",
        ],
        &rows,
    );
    if r.misclassified > 25 {
        page.note("The first 25 are shown; the CSV has them all.");
    }

    if let Some(o) = other {
        page.section("compare", "Compared with another run");
        page.raw(&compare_table(&compare(&r.headline, o.headline), o.dir));
    }
    page.finish("PaperLite triage evaluation", provenance)
}
