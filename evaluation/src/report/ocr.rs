//! The OCR evaluation's run directory: `report.html`, `metrics.json`, `pages.csv`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::html::{compare_table, Page};
use super::triage::Comparison;
use super::{
    compare, create_dir, csv_line, metrics_json, write, Provenance, ReportError, RunRecord,
};
use crate::ocr_eval::{Aggregate, OcrEvalReport};

/// `metrics` of an OCR run: the headline figures and the whole report.
#[derive(Debug, Serialize)]
pub struct OcrRunMetrics<'a> {
    pub headline: BTreeMap<String, f64>,
    #[serde(flatten)]
    pub report: &'a OcrEvalReport,
}

/// The flat headline figures of an OCR evaluation.
pub fn ocr_headline(r: &OcrEvalReport) -> BTreeMap<String, f64> {
    let mut h = BTreeMap::new();
    for (mode, g) in [
        ("cleanup", &r.with_cleanup),
        ("no_cleanup", &r.without_cleanup),
    ] {
        for (part, a) in [
            ("all", &g.all),
            ("clean", &g.clean),
            ("degraded", &g.degraded),
        ] {
            if a.pages > 0 {
                h.insert(format!("{mode}.{part}.cer"), a.cer);
                h.insert(format!("{mode}.{part}.wer"), a.wer);
            }
        }
        if g.all.bad_pages > 0 {
            h.insert(
                format!("{mode}.bad_pages_flagged_share"),
                g.all.bad_pages_flagged as f64 / g.all.bad_pages as f64,
            );
        }
    }
    h
}

/// Writes `metrics.json`, `pages.csv` and `report.html` into `dir`.
pub fn write_ocr_run(
    dir: &Path,
    report: &OcrEvalReport,
    provenance: &Provenance,
    other: Option<&Comparison<'_>>,
) -> Result<(), ReportError> {
    create_dir(dir)?;
    let headline = ocr_headline(report);
    let record = RunRecord {
        provenance: provenance.clone(),
        metrics: OcrRunMetrics {
            headline: headline.clone(),
            report,
        },
    };
    write(&dir.join("metrics.json"), metrics_json(&record)?)?;
    let mut csv = csv_line(&[
        "file",
        "page",
        "cleanup",
        "degraded",
        "cer",
        "wer",
        "missed_words",
        "mean_confidence",
        "unsure_share",
        "junk_share",
        "order_jumps",
        "order_breaks",
        "unread_text",
        "off_dictionary",
        "needs_review",
    ]);
    for p in &report.pages {
        csv.push_str(&csv_line(&[
            p.file.clone(),
            p.page.to_string(),
            p.cleanup.to_string(),
            p.degraded.to_string(),
            format!("{:.4}", p.cer),
            format!("{:.4}", p.wer),
            format!("{:.4}", p.missed_words.rate()),
            format!("{:.1}", p.mean_confidence),
            format!("{:.4}", p.unsure_share),
            format!("{:.4}", p.junk_share),
            p.order_jumps.to_string(),
            format!("{:.4}", p.order_breaks),
            format!("{:.4}", p.unread_text),
            format!("{:.4}", p.off_dictionary),
            p.needs_review.to_string(),
        ]));
    }
    write(&dir.join("pages.csv"), csv)?;

    let mut page = Page::new();
    page.section("summary", "Error rates");
    let row = |label: &str, a: &Aggregate| -> Vec<String> {
        vec![
            label.to_string(),
            a.pages.to_string(),
            format!("{:.2}%", a.cer * 100.0),
            format!("{:.2}%", a.wer * 100.0),
            a.bad_pages.to_string(),
            format!("{}/{}", a.bad_pages_flagged, a.bad_pages),
            a.good_pages_flagged.to_string(),
        ]
    };
    let mut rows = Vec::new();
    for (mode, g) in [
        ("with clean-up", &report.with_cleanup),
        ("without clean-up", &report.without_cleanup),
    ] {
        for (part, a) in [
            ("all", &g.all),
            ("clean", &g.clean),
            ("degraded", &g.degraded),
        ] {
            rows.push(row(&format!("{mode} / {part}"), a));
        }
    }
    page.table(
        &[
            "pages",
            "count",
            "CER",
            "WER",
            "pages with CER > 10%",
            "of those flagged needs_review",
            "good pages flagged",
        ],
        &rows,
    );
    page.note("CER and WER are edit distances over whitespace-normalised text against the .gt.txt ground truth. A page is bad when its CER is above 10%; page confidence is useful when bad pages are flagged needs_review and good ones are not.");
    page.section("pages", "Pages");
    let rows: Vec<Vec<String>> = report
        .pages
        .iter()
        .map(|p| {
            vec![
                format!("{} p{}", p.file, p.page),
                if p.cleanup { "yes" } else { "no" }.to_string(),
                if p.degraded { "yes" } else { "no" }.to_string(),
                format!("{:.2}%", p.cer * 100.0),
                format!("{:.2}%", p.wer * 100.0),
                format!("{:.1}", p.mean_confidence),
                if p.needs_review { "yes" } else { "no" }.to_string(),
            ]
        })
        .collect();
    page.table(
        &[
            "page",
            "clean-up",
            "degraded",
            "CER",
            "WER",
            "confidence",
            "needs_review",
        ],
        &rows,
    );
    for (f, reason) in &report.failed {
        page.note(&format!("failed: {f}: {reason}"));
    }
    if let Some(o) = other {
        page.section("compare", "Compared with another run");
        page.raw(&compare_table(&compare(&headline, o.headline), o.dir));
    }
    write(
        &dir.join("report.html"),
        page.finish("PaperLite OCR evaluation", provenance),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ocr_eval::{GroupedAggregate, PageMeasurement};
    use crate::text_metrics::ErrorCount;

    fn page(file: &str, cleanup: bool, errors: usize, review: bool) -> PageMeasurement {
        let chars = ErrorCount {
            errors,
            reference_len: 100,
        };
        PageMeasurement {
            file: file.to_string(),
            page: 1,
            cleanup,
            degraded: errors > 0,
            cer: chars.rate(),
            wer: chars.rate(),
            missed_words: chars,
            chars,
            words: chars,
            mean_confidence: 90.0,
            unsure_share: 0.0,
            junk_share: 0.0,
            order_jumps: 0,
            order_breaks: 0.0,
            unread_text: 0.0,
            off_dictionary: 0.0,
            needs_review: review,
            seconds: 1.0,
        }
    }

    pub(crate) fn provenance() -> Provenance {
        Provenance {
            evaluation: "paperlite eval test".into(),
            command: "paperlite eval test".into(),
            model_sha256: None,
            model_path: None,
            data_sha256: "0".repeat(64),
            data: "test data".into(),
            git_commit: "unknown".into(),
            seed: None,
            started_at: "2026-01-01T00:00:00Z".into(),
            paperlite_version: "0".into(),
        }
    }

    #[test]
    fn the_ocr_run_directory_has_report_metrics_and_pages() -> anyhow::Result<()> {
        let pages = vec![
            page("a.png", true, 2, false),
            page("b.png", true, 30, true),
            page("a.png", false, 5, false),
            page("b.png", false, 60, false),
        ];
        let group = |cleanup: bool| {
            let of =
                |degraded: Option<bool>| {
                    Aggregate::of(pages.iter().filter(|p| {
                        p.cleanup == cleanup && degraded.is_none_or(|d| p.degraded == d)
                    }))
                };
            GroupedAggregate {
                all: of(None),
                clean: of(Some(false)),
                degraded: of(Some(true)),
            }
        };
        let report = OcrEvalReport {
            files: 2,
            failed: vec![],
            with_cleanup: group(true),
            without_cleanup: group(false),
            pages: pages.clone(),
        };
        let dir = tempfile::tempdir()?;
        let other = BTreeMap::from([("cleanup.all.cer".to_string(), 0.2)]);
        write_ocr_run(
            dir.path(),
            &report,
            &provenance(),
            Some(&Comparison {
                dir: "old",
                headline: &other,
            }),
        )?;
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("metrics.json"))?)?;
        assert_eq!(m["provenance"]["data"], "test data");
        // (2 + 30) errors over 200 characters with clean-up; the one bad page is flagged.
        assert_eq!(m["metrics"]["headline"]["cleanup.all.cer"], 0.16);
        assert_eq!(
            m["metrics"]["headline"]["cleanup.bad_pages_flagged_share"],
            1.0
        );
        assert_eq!(
            m["metrics"]["headline"]["no_cleanup.bad_pages_flagged_share"],
            0.0
        );
        assert_eq!(m["metrics"]["files"], 2);
        let html = std::fs::read_to_string(dir.path().join("report.html"))?;
        for id in ["summary", "pages", "compare"] {
            assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{id}");
        }
        assert!(
            html.contains("-0.0400"),
            "the delta of CER 0.16 against 0.2"
        );
        let csv = std::fs::read_to_string(dir.path().join("pages.csv"))?;
        assert_eq!(csv.lines().count(), 5);
        Ok(())
    }
}
