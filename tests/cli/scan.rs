use std::collections::HashMap;

use serde_json::Value;

use super::common::{manifest, samples, Backend};

/// `paperlite scan samples/` stores every sample with text, confidences and the fields the
/// letters really contain; a second scan stores nothing again.
#[test]
fn scan_stores_every_sample_once_with_text_and_fields() -> anyhow::Result<()> {
    let expected = manifest()?;
    anyhow::ensure!(
        !expected.is_empty(),
        "samples/scans/manifest.json lists no documents"
    );
    for backend in Backend::all("samples")? {
        let (out, summary) = backend.scan(&[&samples()], &[])?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "[{}] scan failed: {stderr}\n{summary}",
            backend.name
        );
        assert_eq!(
            summary["failed"].as_array().map(Vec::len),
            Some(0),
            "{summary}"
        );
        assert_eq!(
            summary["documents_stored"],
            expected.len(),
            "[{}]",
            backend.name
        );
        let total_pages: u64 = expected.iter().filter_map(|d| d["pages"].as_u64()).sum();
        assert_eq!(summary["pages"], total_pages, "[{}]", backend.name);
        // The ground-truth files and the manifest are not scans.
        assert!(summary["ignored"].as_array().is_some_and(|a| a
            .iter()
            .any(|f| f.as_str().is_some_and(|f| f.ends_with(".gt.txt")))));

        let status = backend.status()?;
        assert_eq!(status["counts"]["documents"], expected.len());
        assert_eq!(status["counts"]["done"], expected.len());
        assert_eq!(status["counts"]["pages"], total_pages);
        let stored: HashMap<String, &Value> = status["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| Some((d["file_name"].as_str()?.to_string(), d)))
            .collect();
        let (mut nhs_right, mut type_right, mut dob_right) = (0, 0, 0);
        for doc in &expected {
            let file = doc["file"].as_str().unwrap_or_default();
            let got = stored
                .get(file)
                .ok_or_else(|| anyhow::anyhow!("[{}] {file} not stored", backend.name))?;
            assert_eq!(got["page_count"], doc["pages"], "{file}");
            nhs_right += usize::from(got["nhs_number"] == doc["nhs_number"]);
            type_right += usize::from(got["document_type"] == doc["document_type"]);
            dob_right += usize::from(got["date_of_birth"] == doc["date_of_birth"]);
        }
        // Extraction must be right on the great majority of documents, degraded ones
        // included; the exact figures are reported by the benchmark.
        let n = expected.len();
        assert!(
            nhs_right * 10 >= n * 9,
            "NHS numbers right on {nhs_right}/{n}"
        );
        assert!(
            type_right * 10 >= n * 8,
            "document types right on {type_right}/{n}"
        );
        assert!(
            dob_right * 10 >= n * 8,
            "dates of birth right on {dob_right}/{n}"
        );

        // Every OCRed page keeps per-word confidences and boxes.
        let docs = status["documents"].as_array().cloned().unwrap_or_default();
        assert!(docs.iter().all(|d| d["status"] == "done"));

        // Rescanning the same folder stores nothing twice.
        let (out, again) = backend.scan(&[&samples()], &[])?;
        assert!(out.status.success());
        assert_eq!(again["already_stored"], expected.len());
        assert_eq!(again["documents_stored"], 0);
        assert_eq!(again["pages"], 0);
        assert_eq!(backend.status()?["counts"]["pages"], total_pages);
    }
    Ok(())
}

/// The same file under two names in one batch is stored once.
#[test]
fn same_content_under_two_names_is_stored_once() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let src = samples().join("01_referral_rectal_bleeding_2ww.png");
    std::fs::copy(&src, dir.path().join("a.png"))?;
    std::fs::copy(&src, dir.path().join("b.png"))?;
    let backend = Backend::sqlite()?;
    let (out, summary) = backend.scan(&[dir.path()], &["--workers", "1"])?;
    assert!(out.status.success(), "{summary}");
    assert_eq!(summary["documents_stored"], 1);
    assert_eq!(summary["duplicates"], 1);
    assert_eq!(backend.status()?["counts"]["pages"], 1);
    Ok(())
}
