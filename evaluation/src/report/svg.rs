//! Plots drawn as inline SVG, by hand: confusion matrices as heat tables, reliability
//! diagrams and the routing curve. No scripts and no fonts fetched; the output is a pure
//! function of the numbers, so reports are reproducible.

use std::fmt::Write as _;

use super::html::escape;
use crate::triage_eval::calibration::ReliabilityBin;
use crate::triage_eval::safety::RoutingPoint;

/// A confusion matrix as an HTML table whose cells are shaded by the share of their row (the
/// gold class): darker is more. Rows are gold labels, columns predictions.
pub fn heat_table(labels: &[String], confusion: &[Vec<usize>]) -> String {
    let mut out =
        String::from("<table class=\"heat\"><thead><tr><th class=\"l\">gold \\ predicted</th>");
    for l in labels {
        let _ = write!(out, "<th>{}</th>", escape(l));
    }
    out.push_str("<th>letters</th></tr></thead><tbody>\n");
    for (label, row) in labels.iter().zip(confusion) {
        let total: usize = row.iter().sum();
        let _ = write!(out, "<tr><th class=\"l\">{}</th>", escape(label));
        for (j, &n) in row.iter().enumerate() {
            let share = if total == 0 {
                0.0
            } else {
                n as f64 / total as f64
            };
            let diagonal = labels.get(j) == Some(label);
            // Blue for the diagonal (right), red off it (wrong); alpha by row share.
            let (r, g, b) = if diagonal {
                (0, 94, 184)
            } else {
                (213, 40, 27)
            };
            let alpha = (share * 0.85).min(0.85);
            let text = if alpha > 0.5 { "#fff" } else { "#1b1b1b" };
            let _ = write!(
                out,
                "<td style=\"background:rgba({r},{g},{b},{alpha:.3});color:{text}\" \
                 title=\"{:.1}% of the row\">{n}</td>",
                share * 100.0
            );
        }
        let _ = writeln!(out, "<td>{total}</td></tr>");
    }
    out.push_str("</tbody></table>\n");
    out
}

const W: f64 = 420.0;
const H: f64 = 340.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;

fn x_of(v: f64, max: f64) -> f64 {
    LEFT + v / max * (W - LEFT - RIGHT)
}

fn y_of(v: f64, max: f64) -> f64 {
    H - BOTTOM - v / max * (H - TOP - BOTTOM)
}

/// Axes with ticks at every `step` from 0 to `x_max` / `y_max`, tick labels as percentages
/// when `percent`.
fn axes(
    out: &mut String,
    (x_max, y_max): (f64, f64),
    (x_step, y_step): (f64, f64),
    (x_label, y_label): (&str, &str),
    percent: (bool, bool),
) {
    let fmt = |v: f64, pct: bool| {
        if pct {
            format!("{:.0}%", v * 100.0)
        } else {
            format!("{v:.1}")
        }
    };
    let _ = write!(
        out,
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{}\" height=\"{}\" fill=\"#fff\" stroke=\"#768692\"/>",
        W - LEFT - RIGHT,
        H - TOP - BOTTOM
    );
    let ticks = |max: f64, step: f64| -> Vec<f64> {
        let n = (max / step).round() as usize;
        (0..=n).map(|i| i as f64 * step).collect()
    };
    for v in ticks(x_max, x_step) {
        let x = x_of(v, x_max);
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#e8edee\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            H - BOTTOM,
            H - BOTTOM + 15.0,
            fmt(v, percent.0)
        );
    }
    for v in ticks(y_max, y_step) {
        let y = y_of(v, y_max);
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#e8edee\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            W - RIGHT,
            LEFT - 5.0,
            y + 4.0,
            fmt(v, percent.1)
        );
    }
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>\
         <text transform=\"translate(14,{:.1}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
        (LEFT + W - RIGHT) / 2.0,
        H - 12.0,
        escape(x_label),
        (TOP + H - BOTTOM) / 2.0,
        escape(y_label)
    );
}

fn open(title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" \
         height=\"{H}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\">",
        escape(title)
    )
}

fn polyline(points: &[(f64, f64)], colour: &str, dashed: bool) -> String {
    let pts: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect();
    let dash = if dashed {
        " stroke-dasharray=\"5 4\""
    } else {
        ""
    };
    format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>",
        pts.join(" ")
    )
}

fn legend(out: &mut String, items: &[(&str, &str)]) {
    for (i, (colour, label)) in items.iter().enumerate() {
        let y = TOP + 14.0 + 16.0 * i as f64;
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"4\" fill=\"{colour}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            LEFT + 10.0,
            y - 4.0,
            LEFT + 27.0,
            y,
            escape(label)
        );
    }
}

/// A reliability diagram: accuracy against mean confidence per bin, before and after
/// temperature scaling, with the diagonal of perfect calibration. Empty bins are skipped.
pub fn reliability_diagram(
    title: &str,
    before: &[ReliabilityBin],
    after: &[ReliabilityBin],
) -> String {
    let mut out = open(title);
    axes(
        &mut out,
        (1.0, 1.0),
        (0.2, 0.2),
        ("mean confidence (top class)", "accuracy"),
        (true, true),
    );
    out.push_str(&polyline(
        &[
            (x_of(0.0, 1.0), y_of(0.0, 1.0)),
            (x_of(1.0, 1.0), y_of(1.0, 1.0)),
        ],
        "#aeb7bd",
        true,
    ));
    for (bins, colour) in [(before, "#d5281b"), (after, "#005eb8")] {
        let pts: Vec<(f64, f64)> = bins
            .iter()
            .filter_map(|b| Some((x_of(b.mean_confidence?, 1.0), y_of(b.accuracy?, 1.0))))
            .collect();
        out.push_str(&polyline(&pts, colour, false));
        for (b, (x, y)) in bins.iter().filter(|b| b.letters > 0).zip(&pts) {
            let r = 2.5 + (b.letters as f64).sqrt().min(20.0) / 4.0;
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{colour}\" fill-opacity=\"0.7\"><title>{} letters</title></circle>",
                b.letters
            );
        }
    }
    legend(
        &mut out,
        &[
            ("#d5281b", "before (temperature 1)"),
            ("#005eb8", "after (saved temperature)"),
        ],
    );
    out.push_str("</svg>");
    out
}

/// The routing curve: the share of letters auto-routed (x) against the share of truly
/// high-risk letters among them (y), with its Clopper-Pearson upper bound, the tolerated risk
/// as a horizontal line and the saved operating point marked.
pub fn routing_curve(
    title: &str,
    curve: &[RoutingPoint],
    operating_point: Option<&RoutingPoint>,
    max_risk: f64,
) -> String {
    let mut out = open(title);
    // The y axis shows up to 5%, or more when the bound at the operating point is higher.
    let y_max = operating_point
        .map_or(0.0, |p| p.upper_bound)
        .max(max_risk * 2.0)
        .clamp(0.05, 1.0);
    let y_max = (y_max * 100.0).ceil() / 100.0;
    let y_step = if y_max <= 0.05 { 0.01 } else { y_max / 5.0 };
    axes(
        &mut out,
        (1.0, y_max),
        (0.2, y_step),
        (
            "share of all letters auto-routed",
            "urgent share among auto-routed",
        ),
        (true, true),
    );
    let clip = |v: f64| v.min(y_max);
    let routed: Vec<&RoutingPoint> = curve.iter().filter(|p| p.auto_routed > 0).collect();
    let rate: Vec<(f64, f64)> = routed
        .iter()
        .map(|p| {
            (
                x_of(p.share_auto_routed, 1.0),
                y_of(clip(p.under_triage_rate_routed.unwrap_or(0.0)), y_max),
            )
        })
        .collect();
    let bound: Vec<(f64, f64)> = routed
        .iter()
        .map(|p| {
            (
                x_of(p.share_auto_routed, 1.0),
                y_of(clip(p.upper_bound), y_max),
            )
        })
        .collect();
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#ffb81c\" stroke-width=\"2\"/>",
        W - RIGHT,
        y = y_of(max_risk, y_max)
    );
    out.push_str(&polyline(&bound, "#768692", true));
    out.push_str(&polyline(&rate, "#005eb8", false));
    if let Some(p) = operating_point {
        let x = x_of(p.share_auto_routed, 1.0);
        let y = y_of(clip(p.under_triage_rate_routed.unwrap_or(0.0)), y_max);
        let yb = y_of(clip(p.upper_bound), y_max);
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{x:.1}\" y2=\"{yb:.1}\" stroke=\"#d5281b\" stroke-width=\"1.5\"/>\
             <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#d5281b\"><title>saved threshold {:.4}: {} auto-routed, {} urgent</title></circle>\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"#d5281b\" stroke-width=\"2\"><title>upper bound {:.4}</title></rect>",
            p.threshold,
            p.auto_routed,
            p.high_risk_auto_routed,
            x - 4.0,
            yb - 4.0,
            p.upper_bound
        );
    }
    legend(
        &mut out,
        &[
            ("#005eb8", "urgent share among auto-routed"),
            ("#768692", "its 95% upper bound (Clopper-Pearson)"),
            ("#ffb81c", "tolerated risk"),
            (
                "#d5281b",
                "saved operating point (dot) and its bound (square)",
            ),
        ],
    );
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_table_shades_by_row_share() {
        let labels = vec!["a".to_string(), "b".to_string()];
        let t = heat_table(&labels, &[vec![3, 1], vec![0, 0]]);
        assert!(t.contains(">3</td>"));
        assert!(t.contains("75.0% of the row"));
        // An empty row is drawn with zero shading, not a division by zero.
        assert!(t.contains("rgba(213,40,27,0.000)"));
        assert!(!t.contains("NaN"));
    }

    #[test]
    fn plots_are_svg_with_no_external_reference() {
        let bins = vec![ReliabilityBin {
            lower: 0.9,
            upper: 1.0,
            letters: 4,
            mean_confidence: Some(0.95),
            accuracy: Some(0.75),
        }];
        let svg = reliability_diagram("t", &bins, &bins);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(!svg.contains("href"));
        assert!(svg.contains("<circle"));
    }
}
