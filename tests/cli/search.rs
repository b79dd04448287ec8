use serde_json::Value;

use super::common::{copy_samples, Backend, Kind};

const DOCS: [&str; 4] = [
    "01_referral_rectal_bleeding_2ww.png",
    "03_referral_iron_deficiency_anaemia.png",
    "08_clinic_ida_post_endoscopy.png",
    "13_clinic_nafld_hepatology.pdf",
];

fn search(backend: &Backend, query: &str, extra: &[&str]) -> anyhow::Result<Value> {
    let out = backend
        .cmd("search")
        .arg("--json")
        .args(extra)
        .arg(query)
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "search {query:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn files(result: &Value) -> Vec<String> {
    let mut v: Vec<String> = result["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["file"].as_str().map(String::from))
        .collect();
    v.dedup();
    v
}

#[test]
fn scanned_pages_are_searchable() -> anyhow::Result<()> {
    scanned_pages_are_searchable_on(Kind::Sqlite)
}

#[test]
#[cfg_attr(
    not(paperlite_postgres),
    ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
)]
fn scanned_pages_are_searchable_on_postgres() -> anyhow::Result<()> {
    scanned_pages_are_searchable_on(Kind::Postgres)
}

/// Pages stored by `paperlite scan` are found by `paperlite search`: snippets with marks,
/// filters, abbreviations, OCR-tolerant fuzzy matching, errors, deletion, correction and
/// reindexing, on each store.
fn scanned_pages_are_searchable_on(kind: Kind) -> anyhow::Result<()> {
    let input = copy_samples(&DOCS)?;
    let backend = Backend::new(kind, "search")?;
    let (out, summary) = backend.scan(&[input.path()], &[])?;
    assert!(out.status.success(), "{summary}");

    // An abbreviation finds the long form, with the hit marked in the snippet.
    let ida = search(&backend, "IDA", &[])?;
    let found = files(&ida);
    assert!(found.contains(&DOCS[1].to_string()), "{ida}");
    assert!(found.contains(&DOCS[2].to_string()), "{ida}");
    let hit = &ida["hits"][0];
    assert!(
        hit["snippet"]
            .as_str()
            .unwrap_or_default()
            .contains("<mark>"),
        "{hit}"
    );
    for key in [
        "document_id",
        "page",
        "nhs_number",
        "document_type",
        "date",
        "score",
    ] {
        assert!(!hit[key].is_null(), "hit lacks {key}: {hit}");
    }
    assert_eq!(ida["total"], 2);

    // Patient and type filters.
    let nhs = hit["nhs_number"].as_str().unwrap_or_default().to_string();
    let one = search(&backend, "IDA", &["--patient", &nhs])?;
    assert_eq!(one["total"], 1, "{one}");
    assert!(one["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|h| h["nhs_number"] == nhs.as_str()));
    let clinic = search(&backend, "IDA", &["--type", "clinic_letter"])?;
    assert_eq!(files(&clinic), vec![DOCS[2].to_string()]);

    // Date range (inclusive) on the letter date.
    let date = hit["date"].as_str().unwrap_or_default().to_string();
    let on_day = search(&backend, "IDA", &["--from", &date, "--to", &date])?;
    assert!(on_day["total"].as_u64().unwrap_or(0) >= 1, "{on_day}");
    let before = search(&backend, "IDA", &["--to", "2000-01-01"])?;
    assert_eq!(before["total"], 0);

    // OCR-tolerant matching: one letter wrong still finds the page, ranked as usual,
    // and turning fuzzy matching off finds nothing.
    let fuzzy = search(&backend, "angiodysplasai", &[])?;
    assert_eq!(files(&fuzzy), vec![DOCS[2].to_string()], "{fuzzy}");
    let exact_only = search(&backend, "angiodysplasai", &["--no-fuzzy"])?;
    assert_eq!(exact_only["total"], 0);

    // A query that does not parse gets a clear error, not an empty list.
    let bad = backend.cmd("search").arg("\"unclosed phrase").output()?;
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("query"), "{stderr}");

    // Correcting a document's NHS number updates the index.
    let id = hit["document_id"].as_str().unwrap_or_default().to_string();
    let corrected = backend
        .cmd("correct")
        .arg(&id)
        .args(["--nhs-number", "943 476 5919"])
        .output()?;
    assert!(
        corrected.status.success(),
        "{}",
        String::from_utf8_lossy(&corrected.stderr)
    );
    let moved = search(&backend, "IDA", &["--patient", "9434765919"])?;
    assert_eq!(moved["total"], 1, "{moved}");
    let invalid = backend
        .cmd("correct")
        .arg(&id)
        .args(["--nhs-number", "943 476 5918"])
        .output()?;
    assert_eq!(invalid.status.code(), Some(1));

    // Deleting a document removes it from search and from the store.
    let deleted = backend.cmd("delete").arg(&id).output()?;
    assert!(
        deleted.status.success(),
        "{}",
        String::from_utf8_lossy(&deleted.stderr)
    );
    let after = search(&backend, "IDA", &[])?;
    assert_eq!(after["total"], 1, "{after}");
    assert_eq!(backend.status()?["counts"]["documents"], DOCS.len() - 1);

    // The index is derived: removing it from disk and searching rebuilds it, and
    // `reindex` gives the same answers.
    std::fs::remove_dir_all(backend.data_dir.path().join("index"))?;
    let rebuilt = search(&backend, "IDA", &[])?;
    assert_eq!(rebuilt["total"], 1, "{rebuilt}");
    let reindex = backend.cmd("reindex").output()?;
    assert!(
        reindex.status.success(),
        "{}",
        String::from_utf8_lossy(&reindex.stderr)
    );
    assert_eq!(search(&backend, "IDA", &[])?["total"], 1);

    // An index left by an older version (its schema lacks the word-pair fields) is
    // replaced and rebuilt from the database, not an error.
    let phrase = "\"iron deficiency anaemia\"";
    let current = files(&search(&backend, phrase, &[])?);
    assert_eq!(current.len(), 1, "{current:?}");
    let meta_path = backend.data_dir.path().join("index").join("meta.json");
    let mut meta: Value = serde_json::from_slice(&std::fs::read(&meta_path)?)?;
    let schema = meta["schema"]
        .as_array_mut()
        .ok_or_else(|| anyhow::anyhow!("meta.json has no schema"))?;
    schema.retain(|field| {
        !field["name"]
            .as_str()
            .unwrap_or_default()
            .ends_with("_pairs")
    });
    std::fs::write(&meta_path, serde_json::to_vec(&meta)?)?;
    let upgraded = search(&backend, phrase, &[])?;
    assert_eq!(files(&upgraded), current, "{upgraded}");
    Ok(())
}
