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

/// The sample two-week-wait form's demographics box: after clean-up Tesseract reads its labels
/// as one block and the values as another ("Date of birth:" and, lines on, "26/03/1948"). With
/// `label_rows` (the default) each label keeps its value on its line; off, Tesseract's own
/// order stands.
#[test]
fn a_form_label_keeps_its_value_on_its_line() -> anyhow::Result<()> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../samples/scans/14_referral_dysphagia_2ww_form.tiff");
    let bytes = std::fs::read(file)?;
    let read = |label_rows: bool| -> anyhow::Result<String> {
        let mut config = paperlite_ocr::OcrConfig::default();
        config.engine.label_rows = label_rows;
        let pages = paperlite_ocr::recognize_file(&bytes, &config, 1)?;
        Ok(pages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"))
    };
    let rows = read(true)?;
    assert!(rows.contains("Date of birth: 26/03/1948"), "{rows}");
    assert!(rows.contains("NHS number: 999 383 9310"), "{rows}");
    let columns = read(false)?;
    assert!(!columns.contains("Date of birth: 26/03/1948"), "{columns}");
    Ok(())
}
