//! Document-type recognition measured on texts (not a test): how many documents of each
//! expected kind the classifier assigns to each type.
//!
//! ```sh
//! cargo run --release -p paperlite-ocr --example classify_texts -- \
//!     referral_letter=samples/referrals/independent/dev.jsonl \
//!     auto=samples/scans
//! ```
//!
//! Each argument is `EXPECTED=PATH`: a JSON Lines file (the `text` field of every line) or a
//! folder of `*.gt.txt` files. `EXPECTED` is a document type, or `auto` to take it from the
//! file name (`01_referral_...` -> referral_letter, `_clinic_` -> clinic_letter, and so on).
//! With `SHOW_WRONG=1` the start of each misclassified text is printed (use it on your own
//! development data only, never on a sealed test set).

use std::collections::BTreeMap;
use std::path::Path;

use paperlite_ocr::extract::{classify_pages, document_type_scores};

fn expected_from_name(name: &str) -> &'static str {
    let n = name.to_ascii_lowercase();
    if n.contains("referral") {
        "referral_letter"
    } else if n.contains("clinic") {
        "clinic_letter"
    } else if n.contains("discharge") {
        "discharge_summary"
    } else if n.contains("result") || n.contains("lab") || n.contains("patholog") {
        "results"
    } else {
        "other"
    }
}

fn texts(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.ends_with(".gt.txt") {
                out.push((name.to_string(), std::fs::read_to_string(&p)?));
            }
        }
    } else {
        for (i, line) in std::fs::read_to_string(path)?.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line)?;
            let id = v["id"]
                .as_str()
                .map_or_else(|| format!("line-{}", i + 1), String::from);
            out.push((id, v["text"].as_str().unwrap_or_default().to_string()));
        }
    }
    Ok(out)
}

fn main() -> anyhow::Result<()> {
    let mut total = 0usize;
    let mut right = 0usize;
    for arg in std::env::args().skip(1) {
        let (expected, path) = arg
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("{arg}: expected EXPECTED=PATH"))?;
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (name, text) in texts(Path::new(path))? {
            let want = if expected == "auto" {
                expected_from_name(&name).to_string()
            } else {
                expected.to_string()
            };
            let got = classify_pages(&text).as_str().to_string();
            total += 1;
            if got == want {
                right += 1;
            }
            if got != want && std::env::var_os("SHOW_WRONG").is_some() {
                let head: String = text.chars().take(400).collect();
                let scores = document_type_scores(&text);
                println!("--- {name}: expected {want}, classified {got} {scores:?}\n{head}");
            }
            *counts.entry((want, got)).or_default() += 1;
        }
        println!("{path}");
        for ((want, got), n) in counts {
            let mark = if want == got { "" } else { "  <- wrong" };
            println!("  expected {want:<18} classified {got:<18} {n:>5}{mark}");
        }
    }
    println!(
        "overall: {right} of {total} right ({:.1}%)",
        100.0 * right as f64 / total.max(1) as f64
    );
    Ok(())
}
