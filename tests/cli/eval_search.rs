//! `paperlite eval search` on the judged queries over the sample scans: the scans are OCRed
//! into a temporary store, the judged file names resolve, and fuzzy matching and the clinical
//! synonyms earn their place on real OCR output.

use serde_json::Value;

use super::common::{bin, repo};

const SAMPLE_QUERIES: &str = "evaluation/data/sample_queries.jsonl";

fn configuration(report: &Value, fuzzy: bool, synonyms: bool) -> anyhow::Result<&Value> {
    report["configurations"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["options"]["fuzzy"] == fuzzy && c["options"]["synonyms"] == synonyms)
        .ok_or_else(|| anyhow::anyhow!("no configuration fuzzy={fuzzy} synonyms={synonyms}"))
}

fn by_kind(configuration: &Value, kind: &str, metric: &str) -> f64 {
    configuration["by_kind"][kind][metric]
        .as_f64()
        .unwrap_or(f64::NAN)
}

#[test]
fn judged_queries_over_the_scanned_samples() -> anyhow::Result<()> {
    let out = bin()
        .current_dir(repo())
        .args(["eval", "search", "--qrels", SAMPLE_QUERIES, "--json"])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout)?;
    // Every sample was scanned and indexed (24 scans, 30 pages or more).
    assert_eq!(report["documents"], 24, "{}", report["documents"]);
    let both = configuration(&report, true, true)?;
    let neither = configuration(&report, false, false)?;
    for query in both["queries"].as_array().into_iter().flatten() {
        assert!(query["error"].is_null(), "{query}");
    }
    // Misspelt queries find their document only with fuzzy matching; abbreviations find
    // the written-out form only with the synonyms.
    assert!(by_kind(both, "ocr", "recall") > by_kind(neither, "ocr", "recall"));
    assert!(by_kind(both, "abbreviation", "recall") > by_kind(neither, "abbreviation", "recall"));
    let ndcg = both["mean"]["ndcg"].as_f64().unwrap_or(0.0);
    assert!(ndcg >= neither["mean"]["ndcg"].as_f64().unwrap_or(1.0));
    assert!(ndcg > 0.7, "nDCG@10 {ndcg} on the samples");
    Ok(())
}

#[test]
fn a_judged_file_that_is_not_a_sample_is_named() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let qrels = dir.path().join("queries.jsonl");
    let samples = repo().join("samples/scans");
    std::fs::write(
        &qrels,
        format!(
            "{{\"samples\":{}}}\n{{\"id\":\"q1\",\"kind\":\"term\",\"query\":\"colitis\",\
             \"relevant\":[{{\"document\":\"no_such_scan.png\",\"grade\":2}}]}}\n",
            serde_json::to_string(&samples)?
        ),
    )?;
    let out = bin()
        .args(["eval", "search", "--qrels"])
        .arg(&qrels)
        .output()?;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no_such_scan.png") && stderr.contains("q1"),
        "{stderr}"
    );
    Ok(())
}
