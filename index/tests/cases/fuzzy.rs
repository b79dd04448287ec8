//! OCR-tolerant matching: one edit away, exact hits first, switchable, phrases exact.

use paperlite_index::{IndexConfig, SearchRequest};

use crate::support::{found, ids, index_with, index_with_config, page, search};

#[test]
fn ocr_misspellings_are_found() -> anyhow::Result<()> {
    let index = index_with(&[
        page("hb", 1, "Haemoglobn 92 g/L on the last FBC."),
        page("scope", 1, "Colonoscopv booked for next month."),
        page("swap", 1, "Proceed to colonsocopy."),
        page("other", 1, "Nothing relevant here."),
    ])?;
    assert_eq!(found(&index, "haemoglobin")?, vec!["hb"]);
    let mut scopes = found(&index, "colonoscopy")?;
    scopes.sort();
    assert_eq!(scopes, vec!["scope", "swap"]);
    Ok(())
}

#[test]
fn a_misspelt_query_finds_the_right_spelling() -> anyhow::Result<()> {
    let index = index_with(&[page("hb", 1, "Haemoglobin 92 g/L.")])?;
    assert_eq!(found(&index, "haemoglobn")?, vec!["hb"]);
    Ok(())
}

#[test]
fn without_fuzzy_a_misspelling_finds_nothing() -> anyhow::Result<()> {
    let index = index_with(&[
        page("hb", 1, "Haemoglobn 92 g/L."),
        page("scope", 1, "Colonoscopv booked."),
    ])?;
    for query in ["haemoglobin", "colonoscopy"] {
        let request = SearchRequest {
            fuzzy: false,
            ..SearchRequest::new(query)
        };
        let results = index.search(&request)?;
        assert_eq!(results.total_documents, 0, "{query}");
    }
    Ok(())
}

#[test]
fn two_edits_are_too_many() -> anyhow::Result<()> {
    let index = index_with(&[page("hb", 1, "Haernoglobn 92 g/L.")])?;
    assert!(found(&index, "haemoglobin")?.is_empty());
    Ok(())
}

#[test]
fn short_words_and_numbers_are_never_fuzzy() -> anyhow::Result<()> {
    let index = index_with(&[
        page("iron", 1, "Start oral iran supplement."),
        page("number", 1, "NHS number 9990000026 on the letter."),
    ])?;
    // "iron" has four letters: below the default five.
    assert!(found(&index, "iron")?.is_empty());
    // One digit away is another patient.
    assert!(found(&index, "9990000018")?.is_empty());
    assert_eq!(found(&index, "9990000026")?, vec!["number"]);
    Ok(())
}

#[test]
fn the_minimum_length_is_configurable() -> anyhow::Result<()> {
    let config = IndexConfig {
        fuzzy_min_chars: 4,
        ..IndexConfig::default()
    };
    let index = index_with_config(&[page("iron", 1, "Start oral iran supplement.")], config)?;
    assert_eq!(found(&index, "iron")?, vec!["iron"]);
    Ok(())
}

#[test]
fn exact_hits_rank_above_fuzzy_only_hits() -> anyhow::Result<()> {
    // The fuzzy page repeats the misspelling in a short page (a strong BM25 profile);
    // the exact page mentions the word once in a long page, and many pages contain the
    // exact word so its statistics are weak. The exact page must still come first.
    let filler = "The patient was reviewed in clinic today and is otherwise well. ".repeat(30);
    let mut pages = vec![
        page("fuzzy", 1, "Haemoglobn haemoglobn haemoglobn."),
        page(
            "exact",
            1,
            &format!("{filler} Haemoglobin stable. {filler}"),
        ),
    ];
    for i in 0..20 {
        pages.push(page(
            &format!("common-{i}"),
            1,
            "Haemoglobin checked and normal.",
        ));
    }
    let index = index_with(&pages)?;
    let results = index.search(&SearchRequest {
        limit: 50,
        ..SearchRequest::new("haemoglobin")
    })?;
    let order = ids(&results);
    let fuzzy_rank = order
        .iter()
        .position(|id| *id == "fuzzy")
        .expect("fuzzy hit found");
    let exact_rank = order
        .iter()
        .position(|id| *id == "exact")
        .expect("exact hit found");
    assert!(exact_rank < fuzzy_rank, "{order:?}");
    assert_eq!(fuzzy_rank, order.len() - 1, "{order:?}");
    Ok(())
}

#[test]
fn phrases_stay_exact() -> anyhow::Result<()> {
    let index = index_with(&[page("hb", 1, "Haemoglobn level low.")])?;
    assert!(found(&index, "\"haemoglobin level\"")?.is_empty());
    assert_eq!(found(&index, "haemoglobin level")?, vec!["hb"]);
    Ok(())
}

#[test]
fn fuzzy_matches_are_highlighted() -> anyhow::Result<()> {
    let index = index_with(&[page("scope", 1, "Colonoscopv booked for next month.")])?;
    let results = search(&index, "colonoscopy")?;
    let snippet = &results.hits[0].pages[0].snippet;
    assert!(snippet.contains("<mark>Colonoscopv</mark>"), "{snippet}");
    Ok(())
}
