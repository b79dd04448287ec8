//! The search evaluation's run directory: `report.html`, `metrics.json`, `queries.csv`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::html::{compare_table, Page};
use super::triage::Comparison;
use super::{
    compare, create_dir, csv_line, metrics_json, write, Provenance, ReportError, RunRecord,
};
use crate::search_eval::SearchEvalReport;

/// `metrics` of a search run: the headline figures and the whole report.
#[derive(Debug, Serialize)]
pub struct SearchRunMetrics<'a> {
    pub headline: BTreeMap<String, f64>,
    #[serde(flatten)]
    pub report: &'a SearchEvalReport,
}

/// The flat headline figures: mean nDCG, recall and MRR per configuration.
pub fn search_headline(r: &SearchEvalReport) -> BTreeMap<String, f64> {
    let mut h = BTreeMap::new();
    for c in &r.configurations {
        h.insert(format!("{}.ndcg", c.label), c.mean.ndcg);
        h.insert(format!("{}.recall", c.label), c.mean.recall);
        h.insert(format!("{}.mrr", c.label), c.mean.mrr);
    }
    h
}

/// Writes `metrics.json`, `queries.csv` and `report.html` into `dir`.
pub fn write_search_run(
    dir: &Path,
    report: &SearchEvalReport,
    provenance: &Provenance,
    other: Option<&Comparison<'_>>,
) -> Result<(), ReportError> {
    create_dir(dir)?;
    let headline = search_headline(report);
    let record = RunRecord {
        provenance: provenance.clone(),
        metrics: SearchRunMetrics {
            headline: headline.clone(),
            report,
        },
    };
    write(&dir.join("metrics.json"), metrics_json(&record)?)?;
    let mut csv = csv_line(&[
        "configuration",
        "id",
        "kind",
        "ndcg",
        "recall",
        "reciprocal_rank",
        "relevant",
        "relevant_returned",
        "found",
        "error",
    ]);
    for c in &report.configurations {
        for q in &c.queries {
            csv.push_str(&csv_line(&[
                c.label.clone(),
                q.id.clone(),
                q.kind.clone(),
                format!("{:.4}", q.ndcg),
                format!("{:.4}", q.recall),
                format!("{:.4}", q.reciprocal_rank),
                q.relevant.to_string(),
                q.relevant_returned.to_string(),
                q.found.to_string(),
                q.error.clone().unwrap_or_default(),
            ]));
        }
    }
    write(&dir.join("queries.csv"), csv)?;

    let s = &report.settings;
    let mut page = Page::new();
    page.section("summary", "Ranking quality by configuration");
    page.para(&format!(
        "{} queries over {} documents ({} pages).",
        report.configurations.first().map_or(0, |c| c.queries.len()),
        report.documents,
        report.pages
    ));
    let ndcg = format!("nDCG@{}", s.ndcg_k);
    let recall = format!("recall@{}", s.recall_k);
    let rows: Vec<Vec<String>> = report
        .configurations
        .iter()
        .map(|c| {
            vec![
                c.label.clone(),
                format!("{:.3}", c.mean.ndcg),
                format!("{:.3}", c.mean.recall),
                format!("{:.3}", c.mean.mrr),
            ]
        })
        .collect();
    page.table(
        &["configuration", ndcg.as_str(), recall.as_str(), "MRR"],
        &rows,
    );
    page.section("kinds", "By query kind");
    if let Some(first) = report.configurations.first() {
        let mut header = vec!["kind (queries)".to_string()];
        header.extend(report.configurations.iter().map(|c| c.label.clone()));
        let rows: Vec<Vec<String>> = first
            .by_kind
            .iter()
            .map(|(kind, m)| {
                let mut row = vec![format!("{kind} ({})", m.queries)];
                row.extend(report.configurations.iter().map(|c| {
                    c.by_kind
                        .get(kind)
                        .map(|m| format!("{:.3} / {:.3}", m.ndcg, m.recall))
                        .unwrap_or_default()
                }));
                row
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        page.table(&header, &rows);
        page.note(&format!(
            "Cells: {ndcg} / {recall}. Every query's figures are in queries.csv."
        ));
    }
    if let Some(o) = other {
        page.section("compare", "Compared with another run");
        page.raw(&compare_table(&compare(&headline, o.headline), o.dir));
    }
    write(
        &dir.join("report.html"),
        page.finish("PaperLite search evaluation", provenance),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search_eval::{
        ConfigurationReport, MeanMetrics, QueryOutcome, SearchEvalSettings, SearchOptions,
    };

    #[test]
    fn the_search_run_directory_has_report_metrics_and_queries() -> anyhow::Result<()> {
        let outcome = QueryOutcome {
            id: "q1".into(),
            kind: "term".into(),
            ndcg: 0.5,
            recall: 1.0,
            reciprocal_rank: 0.5,
            relevant: 1,
            found: 3,
            relevant_returned: 1,
            error: None,
        };
        let mean = MeanMetrics {
            queries: 1,
            ndcg: 0.5,
            recall: 1.0,
            mrr: 0.5,
        };
        let configurations = SearchOptions::ALL
            .iter()
            .map(|o| ConfigurationReport {
                label: o.label().to_string(),
                options: *o,
                mean: mean.clone(),
                by_kind: BTreeMap::from([("term".to_string(), mean.clone())]),
                queries: vec![outcome.clone()],
            })
            .collect();
        let report = SearchEvalReport {
            corpus: None,
            pages: 10,
            documents: 5,
            settings: SearchEvalSettings::default(),
            configurations,
        };
        let dir = tempfile::tempdir()?;
        write_search_run(
            dir.path(),
            &report,
            &super::super::ocr::tests::provenance(),
            None,
        )?;
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("metrics.json"))?)?;
        assert_eq!(m["metrics"]["headline"]["fuzzy+synonyms.ndcg"], 0.5);
        assert_eq!(m["metrics"]["documents"], 5);
        assert!(m["provenance"]["started_at"].is_string());
        let html = std::fs::read_to_string(dir.path().join("report.html"))?;
        assert!(html.contains("<h2 id=\"summary\">") && html.contains("<h2 id=\"kinds\">"));
        assert!(html.contains("nDCG@10"));
        assert!(!html.contains("<h2 id=\"compare\">"));
        let csv = std::fs::read_to_string(dir.path().join("queries.csv"))?;
        assert_eq!(csv.lines().count(), 1 + 4);
        Ok(())
    }
}
