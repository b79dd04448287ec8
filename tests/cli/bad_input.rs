use std::collections::HashMap;

use super::common::{bad_samples, max_child_rss_mb, Backend, Kind};
use super::corpus::plain_class;

#[test]
fn bad_files_fail_with_reasons_and_the_batch_goes_on() -> anyhow::Result<()> {
    bad_files_fail_with_reasons_and_the_batch_goes_on_on(Kind::Sqlite)
}

#[test]
#[cfg_attr(
    not(paperlite_postgres),
    ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
)]
fn bad_files_fail_with_reasons_and_the_batch_goes_on_on_postgres() -> anyhow::Result<()> {
    bad_files_fail_with_reasons_and_the_batch_goes_on_on(Kind::Postgres)
}

/// Each kind of bad file gets a clear reason, stored and printed; the batch goes on, the
/// good file in it is stored, the exit code says some failed, and memory stays bounded.
/// The cut-off JPEG (its first 40%) is stored, flagged with where its image data stops.
fn bad_files_fail_with_reasons_and_the_batch_goes_on_on(kind: Kind) -> anyhow::Result<()> {
    let expected: &[(&str, &str)] = &[
        ("empty.png", "empty"),
        ("corrupt.tiff", "the TIFF file"),
        ("text-as-image.png", "not a supported scan format"),
        ("protected.pdf", "password-protected"),
        ("bomb.png", "claims 100000 x 100000 pixels"),
        ("bomb.tiff", "claims 100000 x 100000 pixels"),
        ("many-pages.pdf", "500 pages, over the limit of 300"),
    ];
    let backend = Backend::new(kind, "bad_input")?;
    let dir = bad_samples();
    let files: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.to_string_lossy().ends_with(".md") && !p.to_string_lossy().ends_with(".txt"))
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
        let got = failed
            .get(*file)
            .ok_or_else(|| anyhow::anyhow!("[{}] {file} did not fail: {summary}", backend.name))?;
        assert!(
            got.contains(reason),
            "[{}] {file}: {got:?} lacks {reason:?}",
            backend.name
        );
        assert!(stderr.contains(file), "{file} not printed on stderr");
        assert!(plain_class(got).is_some(), "{file}: unclear reason {got:?}");
    }
    // The decoder's own words are kept apart from the reason.
    let corrupt = summary["failed"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| {
            f["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("corrupt.tiff"))
        })
        .cloned()
        .unwrap_or_default();
    assert!(
        corrupt["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{corrupt}"
    );
    // The cut-off JPEG is kept, flagged with where its data stops.
    let truncated = summary["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("truncated.jpg"))
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(truncated["outcome"], "stored", "{truncated}");
    assert_eq!(truncated["pages_needing_review"], 1, "{truncated}");
    assert!(
        truncated["review_reasons"][0]
            .as_str()
            .is_some_and(|r| r.contains("image data stops at row")),
        "{truncated}"
    );
    // The PNG named .pdf is a real scan: stored, not failed.
    assert!(!failed.contains_key("not-really.pdf"), "{failed:?}");
    assert_eq!(summary["documents_stored"], 2, "{summary}");

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

/// A slice of the malformed corpus (see `corpus.rs`; the full run is
/// `examples/malformed_corpus.rs`): no crash, every file accounted for (stored, flagged,
/// failed or skipped), each refusal in plain words, cut-off JPEGs stored for review and
/// JPEGs with trailing bytes stored as they are, scanner variants read.
#[test]
fn malformed_corpus_slice_is_accounted_for_in_plain_words() -> anyhow::Result<()> {
    use super::corpus::{build, Expect, Scale};
    let dir = tempfile::tempdir()?;
    let files = build(dir.path(), &super::common::samples(), Scale::Slice)?;
    let backend = Backend::sqlite()?;
    let (out, summary) = backend.scan(&[dir.path()], &["--workers", "2"])?;
    assert!(
        matches!(out.status.code(), Some(0 | 2)),
        "crashed: {:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let by_file = |key: &str| -> HashMap<String, serde_json::Value> {
        summary[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| Some((v["file"].as_str()?.to_string(), v.clone())))
            .collect()
    };
    let documents = by_file("documents");
    let failed = by_file("failed");
    let skipped = by_file("skipped");
    let mut wrong = Vec::new();
    for f in &files {
        let key = f.path.to_string_lossy().into_owned();
        let doc = documents.get(&key);
        let outcome = doc.and_then(|d| d["outcome"].as_str()).unwrap_or("");
        let stored = ["stored", "duplicate", "already_stored"].contains(&outcome);
        let flagged = doc.is_some_and(|d| {
            d["review_reasons"].as_array().is_some_and(|r| {
                r.iter()
                    .any(|r| r.as_str().is_some_and(|r| r.contains("stops at row")))
            })
        });
        let failure = failed.get(&key).and_then(|f| f["reason"].as_str());
        let skip = skipped.get(&key).and_then(|f| f["reason"].as_str());
        if failure.is_none() && skip.is_none() && doc.is_none() {
            wrong.push(format!("{key} ({}): not accounted for", f.kind));
            continue;
        }
        if let Some(reason) = failure {
            if plain_class(reason).is_none() {
                wrong.push(format!("{key}: unclear reason {reason:?}"));
            }
        }
        let ok = match f.expect {
            Expect::Stored => stored && !flagged,
            Expect::StoredForReview => stored && flagged,
            Expect::Failed(text) => failure.is_some_and(|r| r.contains(text)),
            Expect::Skipped(text) => skip.is_some_and(|r| r.contains(text)),
            Expect::Any => true,
        };
        if !ok {
            wrong.push(format!(
                "{key} ({}): expected {:?}, got {outcome:?} {failure:?} {skip:?} flagged={flagged}",
                f.kind, f.expect
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    Ok(())
}
