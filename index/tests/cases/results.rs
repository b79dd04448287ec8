//! Results: grouping by document, page order, paging, totals, snippets, metadata.

use std::collections::HashSet;

use paperlite_index::{IndexConfig, PageDoc, SearchIndex, SearchRequest};

use crate::support::{date, index_with, index_with_config, page, search};

#[test]
fn pages_are_grouped_by_document_best_page_first() -> anyhow::Result<()> {
    let index = index_with(&[
        page(
            "letter",
            1,
            "Dear colleague, thank you. Ferritin was mentioned once.",
        ),
        page(
            "letter",
            2,
            "Ferritin 6. Ferritin repeated: ferritin remains low.",
        ),
        page("letter", 3, "Plan: colonoscopy."),
        page("results", 1, "Ferritin 30, ferritin normal range."),
    ])?;
    let results = search(&index, "ferritin")?;
    assert_eq!(results.total_documents, 2);
    assert_eq!(results.total_pages, 3);
    let letter = results
        .hits
        .iter()
        .find(|h| h.document_id == "letter")
        .expect("letter found");
    assert_eq!(letter.matching_pages, 2);
    let pages: Vec<u32> = letter.pages.iter().map(|p| p.page_number).collect();
    assert_eq!(pages, vec![2, 1]);
    assert!(letter.pages[0].score >= letter.pages[1].score);
    assert_eq!(letter.score, letter.pages[0].score);

    // Documents are ordered by their best page.
    let scores: Vec<f32> = results.hits.iter().map(|h| h.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    Ok(())
}

#[test]
fn at_most_the_configured_number_of_pages_is_listed() -> anyhow::Result<()> {
    let pages: Vec<PageDoc> = (1..=8).map(|n| page("long", n, "Anaemia again.")).collect();
    let config = IndexConfig {
        max_pages_per_document: 3,
        ..IndexConfig::default()
    };
    let index = index_with_config(&pages, config)?;
    let results = search(&index, "anaemia")?;
    assert_eq!(results.hits[0].matching_pages, 8);
    assert_eq!(results.hits[0].pages.len(), 3);
    // Equal scores: lower page numbers first.
    let numbers: Vec<u32> = results.hits[0]
        .pages
        .iter()
        .map(|p| p.page_number)
        .collect();
    assert_eq!(numbers, vec![1, 2, 3]);
    Ok(())
}

#[test]
fn snippets_are_made_for_the_configured_number_of_pages() -> anyhow::Result<()> {
    let mut pages: Vec<PageDoc> = (1..=4)
        .map(|n| page("letter", n, &"Anaemia noted. ".repeat(n as usize)))
        .collect();
    pages[2].confidence = 0.25;
    let default = index_with(&pages)?;
    let hit = &search(&default, "anaemia")?.hits[0];
    assert_eq!(hit.pages.len(), 4);
    // The best page (most mentions) has the snippet; the others keep number and confidence.
    assert_eq!(hit.pages[0].page_number, 4);
    assert!(
        hit.pages[0].snippet.contains("<mark>"),
        "{:?}",
        hit.pages[0]
    );
    assert!(hit.pages[1..].iter().all(|p| p.snippet.is_empty()));
    let third = hit
        .pages
        .iter()
        .find(|p| p.page_number == 3)
        .expect("page 3");
    assert!((third.confidence - 0.25).abs() < 1e-6, "{third:?}");

    let config = IndexConfig {
        snippets_per_document: 3,
        ..IndexConfig::default()
    };
    let three = index_with_config(&pages, config)?;
    let hit = &search(&three, "anaemia")?.hits[0];
    let with_snippets = hit.pages.iter().filter(|p| !p.snippet.is_empty()).count();
    assert_eq!(with_snippets, 3);
    Ok(())
}

#[test]
fn paging_walks_through_documents_with_stable_totals() -> anyhow::Result<()> {
    let mut pages = Vec::new();
    for d in 0..25 {
        let repeats = "anaemia ".repeat(d % 7 + 1);
        pages.push(page(
            &format!("doc-{d:02}"),
            1,
            &format!("{repeats} reviewed"),
        ));
        pages.push(page(&format!("doc-{d:02}"), 2, "Anaemia follow-up."));
    }
    pages.push(page("unrelated", 1, "Sprained ankle."));
    let index = index_with(&pages)?;

    let mut seen = Vec::new();
    for offset in [0, 10, 20, 30] {
        let request = SearchRequest {
            limit: 10,
            offset,
            ..SearchRequest::new("anaemia")
        };
        let results = index.search(&request)?;
        assert_eq!(results.total_documents, 25);
        assert_eq!(results.total_pages, 50);
        let expected = 25usize.saturating_sub(offset).min(10);
        assert_eq!(results.hits.len(), expected, "offset {offset}");
        seen.extend(results.hits.into_iter().map(|h| (h.document_id, h.score)));
    }
    let unique: HashSet<&String> = seen.iter().map(|(id, _)| id).collect();
    assert_eq!(unique.len(), 25, "a document appeared on two result pages");
    assert!(
        seen.windows(2).all(|w| w[0].1 >= w[1].1),
        "order not kept across pages"
    );
    Ok(())
}

#[test]
fn the_limit_is_clamped() -> anyhow::Result<()> {
    let pages: Vec<PageDoc> = (0..12)
        .map(|d| page(&format!("d{d}"), 1, "Anaemia."))
        .collect();
    let config = IndexConfig {
        max_limit: 5,
        ..IndexConfig::default()
    };
    let index = index_with_config(&pages, config)?;
    let request = SearchRequest {
        limit: 1000,
        ..SearchRequest::new("anaemia")
    };
    let results = index.search(&request)?;
    assert_eq!(results.hits.len(), 5);
    assert_eq!(results.total_documents, 12);
    Ok(())
}

#[test]
fn snippets_mark_the_hit_and_escape_the_rest() -> anyhow::Result<()> {
    let index = index_with(&[page(
        "lab",
        1,
        "Hb <100 g/L & falling; <script>alert(1)</script> ferritin low.",
    )])?;
    let results = search(&index, "ferritin")?;
    let snippet = &results.hits[0].pages[0].snippet;
    assert!(snippet.contains("<mark>ferritin</mark>"), "{snippet}");
    assert!(
        snippet.contains("Hb &lt;100 g/L &amp; falling"),
        "{snippet}"
    );
    assert!(!snippet.contains("<script>"), "{snippet}");
    assert_eq!(snippet.matches("<mark>").count(), 1, "{snippet}");
    Ok(())
}

#[test]
fn snippets_of_long_pages_show_the_matching_part() -> anyhow::Result<()> {
    let text = format!(
        "{} The colonoscopy showed a sigmoid polyp. {}",
        "Background history. ".repeat(40),
        "Medication list. ".repeat(40)
    );
    let index = index_with(&[page("long", 1, &text)])?;
    let snippet = &search(&index, "polyp")?.hits[0].pages[0].snippet;
    assert!(snippet.contains("<mark>polyp</mark>"), "{snippet}");
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
    assert!(snippet.chars().count() < 260, "{snippet}");
    Ok(())
}

#[test]
fn hits_carry_the_document_metadata() -> anyhow::Result<()> {
    let index = index_with(&[PageDoc {
        document_id: "ref-7".into(),
        page_number: 1,
        file_name: "scan_0007.pdf".into(),
        nhs_number: Some("999-000-0026".into()),
        document_type: "referral_letter".into(),
        document_date: Some(date(2019, 3, 14)),
        confidence: 0.42,
        text: "Urgent referral: dysphagia.".into(),
    }])?;
    let results = search(&index, "dysphagia")?;
    let hit = &results.hits[0];
    assert_eq!(hit.document_id, "ref-7");
    assert_eq!(hit.file_name, "scan_0007.pdf");
    assert_eq!(hit.nhs_number.as_deref(), Some("9990000026"));
    assert_eq!(hit.document_type, "referral_letter");
    assert_eq!(hit.date, Some(date(2019, 3, 14)));
    assert_eq!(hit.pages[0].page_number, 1);
    assert!((hit.pages[0].confidence - 0.42).abs() < 1e-6);
    Ok(())
}

#[test]
fn equal_scores_put_newer_documents_first() -> anyhow::Result<()> {
    let pages: Vec<PageDoc> = [(2015, "old"), (2023, "new"), (2019, "mid")]
        .into_iter()
        .map(|(year, id)| PageDoc {
            document_date: Some(date(year, 6, 1)),
            ..page(id, 1, "Clinic review.")
        })
        .collect();
    let index = index_with(&pages)?;
    let results = search(&index, "*")?;
    let order: Vec<&str> = results
        .hits
        .iter()
        .map(|h| h.document_id.as_str())
        .collect();
    assert_eq!(order, vec!["new", "mid", "old"]);
    Ok(())
}

#[test]
fn results_serialise_to_json() -> anyhow::Result<()> {
    let index = index_with(&[page("a", 1, "Anaemia.")])?;
    let results = search(&index, "anaemia")?;
    let json = serde_json::to_value(&results)?;
    assert_eq!(json["total_documents"], 1);
    assert_eq!(json["hits"][0]["pages"][0]["page_number"], 1);
    Ok(())
}

#[test]
fn paging_over_several_segments_matches_one_long_page() -> anyhow::Result<()> {
    // One commit per batch of documents: several segments, each ranked on its own.
    let index = SearchIndex::create_in_ram(IndexConfig::default())?;
    for batch in 0..4 {
        let mut pages = Vec::new();
        for d in 0..9 {
            let id = format!("doc-{batch}-{d}");
            let repeats = "colitis ".repeat((d * 3 + batch) % 8 + 1);
            pages.push(page(&id, 1, &format!("{repeats} seen in clinic")));
            pages.push(page(&id, 2, "Colitis plan."));
        }
        index.add_pages(&pages)?;
        index.commit()?;
    }
    // A document indexed again later replaces its pages: still one document.
    index.add_pages(&[page("doc-0-0", 1, "colitis colitis colitis colitis")])?;
    index.commit()?;

    let all = index.search(&SearchRequest {
        limit: 100,
        ..SearchRequest::new("colitis")
    })?;
    assert_eq!(all.total_documents, 36);
    assert_eq!(all.total_pages, 71);
    let mut paged = Vec::new();
    for offset in (0..36).step_by(7) {
        let results = index.search(&SearchRequest {
            limit: 7,
            offset,
            ..SearchRequest::new("colitis")
        })?;
        assert_eq!(results.total_documents, 36, "offset {offset}");
        paged.extend(results.hits.into_iter().map(|h| h.document_id));
    }
    let expected: Vec<String> = all.hits.into_iter().map(|h| h.document_id).collect();
    assert_eq!(paged, expected);
    Ok(())
}
