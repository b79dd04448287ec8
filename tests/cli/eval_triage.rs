//! `paperlite eval triage` on the committed labelled sample and on generated letters: the
//! report has every section, the CSVs agree with the metrics, and a rerun gives the same
//! metrics.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use super::common::{bin, repo};

const SAMPLE: &str = "samples/referrals/heldout-200.jsonl";

/// Runs the evaluation on the sample (a small baseline training set and fewer bootstrap
/// resamples keep the debug build quick).
fn eval_sample(out: &Path, extra: &[&str]) -> anyhow::Result<Output> {
    Ok(bin()
        .current_dir(repo())
        .args([
            "eval",
            "triage",
            "--data",
            SAMPLE,
            "--model",
            "models/triage-gi",
        ])
        .args(["--train-generate", "1500", "--bootstrap", "200", "--out"])
        .arg(out)
        .args(extra)
        .output()?)
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

#[test]
fn eval_triage_on_the_sample_writes_every_section_and_reruns_identically() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let first = eval_sample(&a, &[])?;
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let summary = String::from_utf8(first.stdout)?;
    assert!(summary.contains("200 letters"), "{summary}");
    for system in ["product", "transformer", "red_flag_checker", "tfidf_logreg"] {
        assert!(summary.contains(system), "{system} missing from {summary}");
    }

    // The report: one self-contained page with every section and its plots.
    let html = std::fs::read_to_string(a.join("report.html"))?;
    for id in [
        "summary",
        "baselines",
        "per-class",
        "confusion",
        "calibration",
        "routing",
        "slices",
        "misclassified",
    ] {
        assert!(
            html.contains(&format!("<h2 id=\"{id}\">")),
            "no {id} section"
        );
    }
    assert!(html.contains("class=\"heat\""), "no confusion heat table");
    assert!(
        html.matches("<svg").count() >= 4,
        "reliability x2 + routing x2"
    );
    assert!(html.contains("saved operating point"));
    assert!(html.contains("What sent the others to a consultant"));
    for source in [
        "ers_template",
        "dear_doctor",
        "terse",
        "gp_record",
        "results_table",
    ] {
        assert!(
            html.contains(&format!("source = {source}")),
            "no {source} slice"
        );
    }
    assert!(html.contains("ocr = true") && html.contains("age_band = "));
    // Nothing is fetched when the page opens.
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("src="));
    assert!(!html.contains("href=\"http"));

    // metrics.json: provenance and the figures behind the page.
    let m = read_json(&a.join("metrics.json"))?;
    let prov = &m["provenance"];
    for key in ["model_sha256", "data_sha256"] {
        let hash = prov[key].as_str().unwrap_or_default();
        assert_eq!(hash.len(), 64, "{key}: {hash}");
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
    }
    assert!(!prov["git_commit"].as_str().unwrap_or_default().is_empty());
    assert_eq!(prov["seed"], 2025);
    assert!(prov["command"]
        .as_str()
        .unwrap_or_default()
        .contains("eval triage"));
    let metrics = &m["metrics"];
    assert_eq!(metrics["data"]["letters"], 200);
    let systems = metrics["systems"].as_array().cloned().unwrap_or_default();
    assert_eq!(systems.len(), 4);
    for s in &systems {
        for head in ["urgency", "pathway"] {
            let total: u64 = s[head]["confusion"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|row| row.as_array().cloned().unwrap_or_default())
                .filter_map(|x| x.as_u64())
                .sum();
            assert_eq!(total, 200, "{} {head}", s["name"]);
            let f1 = s[head]["macro_f1"].as_f64().unwrap_or(-1.0);
            let ci = &s[head]["macro_f1_ci"];
            let (lo, hi) = (
                ci["low"].as_f64().unwrap_or(2.0),
                ci["high"].as_f64().unwrap_or(-1.0),
            );
            assert!(
                lo <= f1 && f1 <= hi,
                "{} {head}: {f1} not in {ci}",
                s["name"]
            );
        }
    }
    let headline = &metrics["headline"];
    for key in [
        "product.urgency.macro_f1",
        "transformer.under_triage_rate",
        "red_flag_checker.urgency.accuracy",
        "tfidf_logreg.pathway.macro_f1",
        "transformer.urgency.ece_before",
        "transformer.urgency.ece_after",
    ] {
        let v = headline[key].as_f64();
        assert!(v.is_some_and(|v| (0.0..=1.0).contains(&v)), "{key}: {v:?}");
    }
    // The routing curve has the saved threshold on it.
    let op = &metrics["routing"]["operating_point"];
    assert_eq!(
        op["threshold"],
        metrics["model"]["routing_policy"]["threshold"]
    );

    // Why low-risk letters were held: the low-risk letters are those the data labels
    // routine or advice and guidance, the ones routed are the product's routed letters less
    // the urgent ones among them, and every held letter has at least one hold.
    let low = &metrics["routing"]["low_risk"];
    let count_of = |label: &str| -> u64 {
        metrics["data"]["urgency_counts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|pair| pair[0] == label)
            .filter_map(|pair| pair[1].as_u64())
            .sum()
    };
    let low_letters = low["letters"].as_u64().unwrap_or(0);
    assert_eq!(
        low_letters,
        count_of("routine") + count_of("advice_and_guidance")
    );
    let routed = low["auto_routed"].as_u64().unwrap_or(u64::MAX);
    assert_eq!(
        routed,
        op["auto_routed"].as_u64().unwrap_or(0) - op["high_risk_auto_routed"].as_u64().unwrap_or(0)
    );
    let held_by = low["held_by"].as_array().cloned().unwrap_or_default();
    let held = low_letters - routed;
    let most = held_by.iter().filter_map(|c| c["letters"].as_u64()).max();
    let total: u64 = held_by.iter().filter_map(|c| c["letters"].as_u64()).sum();
    assert!(
        held == 0 || (most.unwrap_or(0) <= held && total >= held),
        "{low}"
    );
    for c in &held_by {
        assert!(c["only_hold"].as_u64() <= c["letters"].as_u64(), "{c}");
    }
    assert!(
        summary.contains("low-risk letters (by their labels)"),
        "{summary}"
    );

    // CSVs agree with the metrics.
    let per_class = std::fs::read_to_string(a.join("per_class.csv"))?;
    assert_eq!(per_class.lines().count(), 1 + 4 * (4 + 5));
    let mis = std::fs::read_to_string(a.join("misclassified.csv"))?;
    assert_eq!(
        mis.lines().count() as u64 - 1,
        metrics["misclassified"].as_u64().unwrap_or(u64::MAX)
    );
    assert!(mis.starts_with("id,source,true_urgency,predicted_urgency"));
    let curve = std::fs::read_to_string(a.join("routing_curve.csv"))?;
    assert!(curve.lines().count() > 2 * 101);
    let slices = std::fs::read_to_string(a.join("slices.csv"))?;
    assert!(slices.lines().any(|l| l.starts_with("ocr,true,")));
    // Each slice (e.g. one letter layout) carries the product's own macro-F1, the
    // per-layout figure the targets speak of.
    let header: Vec<&str> = slices.lines().next().unwrap_or("").split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "product_urgency_macro_f1")
        .expect("slices.csv has product_urgency_macro_f1");
    for row in slices.lines().skip(1) {
        let cell = row.split(',').nth(col).unwrap_or("");
        let f1: f64 = cell.parse().unwrap_or(f64::NAN);
        assert!((0.0..=1.0).contains(&f1), "{row}");
    }
    let confusion = std::fs::read_to_string(a.join("confusion_product_urgency.csv"))?;
    assert_eq!(confusion.lines().count(), 5);

    // A rerun (compared with the first) gives the same metrics, byte for byte; only the
    // provenance's start time may differ.
    let second = eval_sample(&b, &["--compare", &a.display().to_string()])?;
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let m2 = read_json(&b.join("metrics.json"))?;
    assert_eq!(
        serde_json::to_string(&m["metrics"])?,
        serde_json::to_string(&m2["metrics"])?
    );
    let (mut p1, mut p2) = (m["provenance"].clone(), m2["provenance"].clone());
    for p in [&mut p1, &mut p2] {
        if let Some(o) = p.as_object_mut() {
            o.remove("started_at");
            o.remove("command");
        }
    }
    assert_eq!(p1, p2);
    let html2 = std::fs::read_to_string(b.join("report.html"))?;
    assert!(html2.contains("<h2 id=\"compare\">"));
    assert!(html2.contains("product.urgency.macro_f1"));
    Ok(())
}

#[test]
fn eval_triage_on_generated_letters_saves_them_and_refuses_the_training_seed() -> anyhow::Result<()>
{
    let dir = tempfile::tempdir()?;
    let saved = dir.path().join("letters.jsonl");
    let out = bin()
        .current_dir(repo())
        .args(["eval", "triage", "--data", "generated", "--generate", "40"])
        .args([
            "--data-seed",
            "7",
            "--train-generate",
            "400",
            "--bootstrap",
            "50",
        ])
        .args(["--json", "--save-data"])
        .arg(&saved)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m: Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(m["metrics"]["data"]["letters"], 40);
    assert_eq!(std::fs::read_to_string(&saved)?.lines().count(), 40);

    // Evaluating on the baseline's own training seed is refused.
    let out = bin()
        .current_dir(repo())
        .args(["eval", "triage", "--data", "generated", "--data-seed", "42"])
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--data-seed 42"));

    // A label the model does not know is the user's mistake, named with its letter.
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"id\": \"x1\", \"text\": \"Dear Dr\", \"urgency\": \"soonish\", \"pathway\": \"ibd\"}\n",
    )?;
    let out = bin()
        .current_dir(repo())
        .args(["eval", "triage", "--data"])
        .arg(&bad)
        .args(["--train-generate", "200"])
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("x1") && err.contains("soonish"), "{err}");
    Ok(())
}
