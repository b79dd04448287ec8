use std::collections::HashMap;

use super::common::{bad_samples, max_child_rss_mb, Backend};

/// Each kind of bad file gets a clear reason, stored and printed; the batch goes on, the
/// good file in it is stored, the exit code says some failed, and memory stays bounded.
#[test]
fn bad_files_fail_with_reasons_and_the_batch_goes_on() -> anyhow::Result<()> {
    let expected: &[(&str, &str)] = &[
        ("empty.png", "empty"),
        ("truncated.jpg", "damaged or truncated"),
        ("corrupt.tiff", "damaged or truncated"),
        ("text-as-image.png", "not a supported scan format"),
        ("protected.pdf", "password-protected"),
        ("bomb.png", "claims 100000 x 100000 pixels"),
        ("bomb.tiff", "claims 100000 x 100000 pixels"),
        ("many-pages.pdf", "500 pages, over the limit of 300"),
    ];
    for backend in Backend::all("bad_input")? {
        let dir = bad_samples();
        let files: Vec<_> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.to_string_lossy().ends_with(".md") && !p.to_string_lossy().ends_with(".txt")
            })
            .collect();
        let paths: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
        let (out, summary) = backend.scan(&paths, &[])?;
        assert_eq!(out.status.code(), Some(2), "[{}] {summary}", backend.name);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let failed: HashMap<String, String> = summary["failed"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| {
                let file = f["file"].as_str()?;
                let name = std::path::Path::new(file)
                    .file_name()?
                    .to_str()?
                    .to_string();
                Some((name, f["reason"].as_str()?.to_string()))
            })
            .collect();
        for (file, reason) in expected {
            let got = failed.get(*file).ok_or_else(|| {
                anyhow::anyhow!("[{}] {file} did not fail: {summary}", backend.name)
            })?;
            assert!(
                got.contains(reason),
                "[{}] {file}: {got:?} lacks {reason:?}",
                backend.name
            );
            assert!(stderr.contains(file), "{file} not printed on stderr");
        }
        // The PNG named .pdf is a real scan: stored, not failed.
        assert!(!failed.contains_key("not-really.pdf"), "{failed:?}");
        assert_eq!(summary["documents_stored"], 1);

        // The reasons are stored with the documents.
        let status = backend.status()?;
        let stored: HashMap<String, String> = status["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| {
                Some((
                    d["file_name"].as_str()?.to_string(),
                    d["error"].as_str()?.to_string(),
                ))
            })
            .collect();
        assert_eq!(
            stored.get("protected.pdf").map(|e| e.contains("password")),
            Some(true)
        );
        assert_eq!(status["counts"]["failed"], expected.len());
    }
    // Decoding a 100000 x 100000 image would need 10 GB; the limits stop it first.
    let rss = max_child_rss_mb();
    assert!(rss < 1024.0, "a child process used {rss:.0} MB");
    Ok(())
}

/// A long PDF is accepted when the limit allows it, and all 500 pages are stored.
#[test]
fn five_hundred_page_pdf_is_stored_when_allowed() -> anyhow::Result<()> {
    let backend = Backend::sqlite()?;
    let file = bad_samples().join("many-pages.pdf");
    let (out, summary) = backend.scan(&[&file], &["--max-pages", "600"])?;
    assert!(out.status.success(), "{summary}");
    assert_eq!(summary["pages"], 500);
    let status = backend.status()?;
    assert_eq!(status["counts"]["pages"], 500);
    assert_eq!(status["documents"][0]["page_count"], 500);
    Ok(())
}
