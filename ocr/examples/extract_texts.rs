//! Field extraction measured on OCR output (not a test): the NHS number, date of birth,
//! letter date and document type PaperLite takes from each document's text, one JSON object
//! per document, to compare two builds of the readers over the same pages without OCR-ing
//! them again.
//!
//! ```sh
//! paperlite ocr --json scans/doc01.tif > doc01.json
//! cargo run --release -p paperlite-ocr --example extract_texts -- doc01.json ...
//! ```
//!
//! Each argument is the output of `paperlite ocr --json` for one file (a `pages` array with
//! each page's `text`); the pages are joined as the store joins them. Word positions are not
//! in that output, so the readers run over the text in reading order only (a scan also tries
//! the words re-read in rows where that finds nothing).

use paperlite_ocr::extract::extract;

fn main() -> anyhow::Result<()> {
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path)?;
        let Some(line) = raw.lines().find(|l| l.trim_start().starts_with('{')) else {
            eprintln!("{path}: no JSON object");
            continue;
        };
        let doc: serde_json::Value = serde_json::from_str(line)?;
        let pages: Vec<&str> = doc["pages"]
            .as_array()
            .map(|ps| ps.iter().filter_map(|p| p["text"].as_str()).collect())
            .unwrap_or_default();
        let e = extract(&pages.join("\n\x0c\n"));
        println!(
            "{}",
            serde_json::json!({
                "path": path,
                "file": doc["file"],
                "nhs_number": e.nhs_number,
                "date_of_birth": e.date_of_birth.map(|d| d.to_string()),
                "letter_date": e.letter_date.map(|d| d.to_string()),
                "document_type": e.document_type.as_str(),
            })
        );
    }
    Ok(())
}
