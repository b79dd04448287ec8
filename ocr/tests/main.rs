//! Extraction checked against the synthetic samples' ground truth: on the exact text of
//! each letter, every field the manifest records must come out right.

use std::path::PathBuf;

use paperlite_ocr::extract::extract;

#[test]
fn extraction_matches_the_sample_manifest_on_ground_truth_text() -> anyhow::Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples/scans");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json"))?)?;
    let docs = manifest.as_array().cloned().unwrap_or_default();
    assert!(docs.len() >= 20);
    let mut wrong = Vec::new();
    for doc in &docs {
        let file = doc["file"].as_str().unwrap_or_default();
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let text = std::fs::read_to_string(dir.join(format!("{stem}.gt.txt")))?;
        let got = extract(&text);
        let checks = [
            ("nhs_number", got.nhs_number.clone().unwrap_or_default()),
            ("document_type", got.document_type.as_str().to_string()),
            (
                "date_of_birth",
                got.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            ),
            (
                "letter_date",
                got.letter_date.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ];
        for (field, value) in checks {
            if doc[field].as_str() != Some(value.as_str()) {
                wrong.push(format!(
                    "{file}: {field} {value:?}, expected {}",
                    doc[field]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    Ok(())
}
