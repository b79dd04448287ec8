//! The query language: terms, booleans, phrases, filters, prefixes, and errors.

use paperlite_index::{Error, PageDoc, SearchRequest};

use crate::support::{date, found, index_with, page, search};

fn clinic_pages() -> Vec<PageDoc> {
    vec![
        page(
            "ferritin",
            1,
            "Ferritin 8 ug/L. Iron studies suggest depletion.",
        ),
        page(
            "bleeding",
            1,
            "Intermittent rectal bleeding for three months.",
        ),
        page("reversed", 1, "Bleeding from the gums; no rectal symptoms."),
        page(
            "colon",
            1,
            "Colonoscopy to caecum: diverticular disease only. Anaemia noted.",
        ),
        page(
            "gastro",
            1,
            "Gastroscopy normal. Anaemia under investigation.",
        ),
        page("smoker", 1, "Current smoker, 20 pack years. Anaemia."),
    ]
}

#[test]
fn a_single_term_finds_only_pages_with_it() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    assert_eq!(found(&index, "ferritin")?, vec!["ferritin"]);
    assert_eq!(found(&index, "FERRITIN")?, vec!["ferritin"]);
    assert!(found(&index, "splenomegaly")?.is_empty());
    Ok(())
}

#[test]
fn words_are_stemmed() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    let mut hits = found(&index, "bleed")?;
    hits.sort();
    assert_eq!(hits, vec!["bleeding", "reversed"]);
    Ok(())
}

#[test]
fn words_without_an_operator_must_all_match() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    assert_eq!(found(&index, "colonoscopy anaemia")?, vec!["colon"]);
    assert!(found(&index, "colonoscopy ferritin")?.is_empty());
    Ok(())
}

#[test]
fn boolean_operators_and_parentheses() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    let mut or = found(&index, "colonoscopy OR gastroscopy")?;
    or.sort();
    assert_eq!(or, vec!["colon", "gastro"]);

    assert_eq!(found(&index, "colonoscopy AND anaemia")?, vec!["colon"]);

    let mut not = found(&index, "anaemia NOT smoker")?;
    not.sort();
    assert_eq!(not, vec!["colon", "gastro"]);
    let mut minus = found(&index, "anaemia -smoker")?;
    minus.sort();
    assert_eq!(minus, not);

    assert_eq!(found(&index, "+anaemia +smoker")?, vec!["smoker"]);

    let mut grouped = found(&index, "(colonoscopy OR smoker) AND anaemia")?;
    grouped.sort();
    assert_eq!(grouped, vec!["colon", "smoker"]);
    Ok(())
}

#[test]
fn a_negative_query_alone_finds_every_other_page() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    let results = search(&index, "-anaemia")?;
    assert_eq!(results.total_documents, 3);
    Ok(())
}

#[test]
fn quoted_phrases_need_the_words_together_and_in_order() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    assert_eq!(found(&index, "\"rectal bleeding\"")?, vec!["bleeding"]);
    assert!(found(&index, "\"bleeding rectal\"")?.is_empty());
    // Unquoted, word order and distance do not matter.
    let mut loose = found(&index, "rectal bleeding")?;
    loose.sort();
    assert_eq!(loose, vec!["bleeding", "reversed"]);
    // Phrases are exact: no stemming inside quotes.
    assert!(found(&index, "\"rectal bleed\"")?.is_empty());
    Ok(())
}

#[test]
fn phrase_slop_allows_words_in_between() -> anyhow::Result<()> {
    let index = index_with(&[page("a", 1, "rectal and vaginal bleeding")])?;
    assert!(found(&index, "\"rectal bleeding\"")?.is_empty());
    assert_eq!(found(&index, "\"rectal bleeding\"~2")?, vec!["a"]);
    Ok(())
}

#[test]
fn a_trailing_star_is_a_prefix() -> anyhow::Result<()> {
    let index = index_with(&[
        page("uria", 1, "Visible haematuria."),
        page("emesis", 1, "Haematemesis overnight."),
        page("other", 1, "Haemoptysis."),
    ])?;
    let mut hits = found(&index, "haemat*")?;
    hits.sort();
    assert_eq!(hits, vec!["emesis", "uria"]);
    let err = index.search(&SearchRequest::new("h*")).unwrap_err();
    assert!(matches!(err, Error::InvalidQuery { .. }), "{err}");
    Ok(())
}

fn patients_and_types() -> Vec<PageDoc> {
    let mut pages = Vec::new();
    for (id, nhs, kind) in [
        ("p1-referral", "9990000018", "referral_letter"),
        ("p1-clinic", "9990000018", "clinic_letter"),
        ("p2-referral", "9990000026", "referral_letter"),
    ] {
        let mut p = page(id, 1, "Anaemia under investigation.");
        p.nhs_number = Some(nhs.to_string());
        p.document_type = kind.to_string();
        pages.push(p);
    }
    pages
}

#[test]
fn the_patient_filter_keeps_one_patients_pages() -> anyhow::Result<()> {
    let index = index_with(&patients_and_types())?;
    let request = SearchRequest {
        nhs_number: Some("999 000 0018".into()),
        ..SearchRequest::new("anaemia")
    };
    let results = index.search(&request)?;
    let mut hits: Vec<&str> = results
        .hits
        .iter()
        .map(|h| h.document_id.as_str())
        .collect();
    hits.sort();
    assert_eq!(hits, vec!["p1-clinic", "p1-referral"]);
    assert!(results
        .hits
        .iter()
        .all(|h| h.nhs_number.as_deref() == Some("9990000018")));

    // The same in the query string.
    assert_eq!(
        found(&index, "anaemia patient:9990000026")?,
        vec!["p2-referral"]
    );
    assert_eq!(
        found(&index, "anaemia nhs:\"999 000 0026\"")?,
        vec!["p2-referral"]
    );
    Ok(())
}

#[test]
fn the_type_filter_keeps_one_document_type() -> anyhow::Result<()> {
    let index = index_with(&patients_and_types())?;
    let request = SearchRequest {
        document_type: Some("Referral_Letter".into()),
        ..SearchRequest::new("anaemia")
    };
    let results = index.search(&request)?;
    let mut hits: Vec<&str> = results
        .hits
        .iter()
        .map(|h| h.document_id.as_str())
        .collect();
    hits.sort();
    assert_eq!(hits, vec!["p1-referral", "p2-referral"]);
    assert_eq!(
        found(&index, "anaemia type:clinic_letter")?,
        vec!["p1-clinic"]
    );
    let mut either = found(
        &index,
        "type: IN [clinic_letter referral_letter] -patient:9990000018",
    )?;
    either.sort();
    assert_eq!(either, vec!["p2-referral"]);
    Ok(())
}

fn dated_pages() -> Vec<PageDoc> {
    [
        ("before", date(2022, 12, 31)),
        ("first-day", date(2023, 1, 1)),
        ("last-day", date(2023, 12, 31)),
        ("after", date(2024, 1, 1)),
    ]
    .into_iter()
    .map(|(id, day)| PageDoc {
        document_date: Some(day),
        ..page(id, 1, "Review of anaemia.")
    })
    .chain(std::iter::once(PageDoc {
        document_date: None,
        ..page("undated", 1, "Review of anaemia.")
    }))
    .collect()
}

#[test]
fn date_ranges_include_both_ends() -> anyhow::Result<()> {
    let index = index_with(&dated_pages())?;
    let request = SearchRequest {
        from: Some(date(2023, 1, 1)),
        to: Some(date(2023, 12, 31)),
        ..SearchRequest::new("anaemia")
    };
    let mut hits: Vec<String> = index
        .search(&request)?
        .hits
        .into_iter()
        .map(|h| h.document_id)
        .collect();
    hits.sort();
    assert_eq!(hits, vec!["first-day", "last-day"]);

    for query in [
        "anaemia date:[2023-01-01 TO 2023-12-31]",
        "anaemia date:[01/01/2023 TO 31/12/2023]",
        "anaemia date:2023",
        "anaemia date:[2023-01 TO 2023-12]",
    ] {
        let mut hits = found(&index, query)?;
        hits.sort();
        assert_eq!(hits, vec!["first-day", "last-day"], "{query}");
    }
    assert_eq!(
        found(&index, "anaemia date:{2022-12-31 TO 2023-12-31}")?,
        vec!["first-day"]
    );
    Ok(())
}

#[test]
fn open_ended_date_ranges() -> anyhow::Result<()> {
    let index = index_with(&dated_pages())?;
    let request = SearchRequest {
        from: Some(date(2023, 12, 31)),
        ..SearchRequest::new("anaemia")
    };
    let mut hits: Vec<String> = index
        .search(&request)?
        .hits
        .into_iter()
        .map(|h| h.document_id)
        .collect();
    hits.sort();
    assert_eq!(hits, vec!["after", "last-day"]);
    let mut hits = found(&index, "anaemia date:[* TO 2022-12-31]")?;
    hits.sort();
    assert_eq!(hits, vec!["before"]);
    Ok(())
}

#[test]
fn a_backwards_date_range_is_a_user_error() -> anyhow::Result<()> {
    let index = index_with(&dated_pages())?;
    let request = SearchRequest {
        from: Some(date(2024, 1, 1)),
        to: Some(date(2023, 1, 1)),
        ..SearchRequest::new("anaemia")
    };
    let err = index.search(&request).unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err}");
    assert!(err.is_user_error());
    Ok(())
}

#[test]
fn syntax_errors_are_invalid_queries_not_empty_results() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    for bad in [
        "(anaemia AND ferritin",
        "\"rectal bleeding",
        "anaemia AND",
        "date:[2023 TO",
        "date:yesterday",
        "diagnosis:anaemia",
        "page:two",
    ] {
        match index.search(&SearchRequest::new(bad)) {
            Err(Error::InvalidQuery { query, reason }) => {
                assert_eq!(query, bad);
                assert!(!reason.is_empty());
            }
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
    Ok(())
}

#[test]
fn an_empty_query_is_a_user_error() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    for empty in ["", "  \t"] {
        let err = index.search(&SearchRequest::new(empty)).unwrap_err();
        assert!(matches!(err, Error::InvalidQuery { .. }));
        assert!(err.is_user_error());
    }
    Ok(())
}

#[test]
fn star_lists_a_patients_documents() -> anyhow::Result<()> {
    let index = index_with(&patients_and_types())?;
    let request = SearchRequest {
        nhs_number: Some("9990000018".into()),
        ..SearchRequest::new("*")
    };
    assert_eq!(index.search(&request)?.total_documents, 2);
    Ok(())
}

#[test]
fn times_and_other_colons_are_searched_as_text() -> anyhow::Result<()> {
    let index = index_with(&[page("clinic", 1, "Seen at 10:30 in clinic.")])?;
    assert_eq!(found(&index, "10:30")?, vec!["clinic"]);
    Ok(())
}

#[test]
fn the_document_and_page_can_be_named() -> anyhow::Result<()> {
    let index = index_with(&[
        page("a", 1, "Anaemia page one."),
        page("a", 2, "Anaemia page two."),
        page("b", 1, "Anaemia elsewhere."),
    ])?;
    let results = search(&index, "anaemia doc:a page:2")?;
    assert_eq!(results.total_pages, 1);
    assert_eq!(results.hits[0].pages[0].page_number, 2);
    assert_eq!(found(&index, "anaemia file:b.pdf")?, vec!["b"]);
    Ok(())
}

#[test]
fn odd_queries_never_panic_nor_fail_internally() -> anyhow::Result<()> {
    let index = index_with(&clinic_pages())?;
    let long_query = "anaemia ".repeat(300);
    let odd = [
        "\"\"",
        "''",
        "*",
        "**",
        "*:*",
        "text:*",
        "date:*",
        "a^2 b^0.5",
        "anaemia^3",
        "(",
        ")",
        "((",
        "\"",
        "AND",
        "OR OR",
        "NOT NOT anaemia",
        "-",
        "+",
        "- -",
        "+-anaemia",
        ":",
        "::",
        "a:b:c",
        "patient:",
        "patient:abc",
        "type:",
        "date:[2023 TO 2022]",
        "page:[1 TO *]",
        "confidence:[0 TO 0.95]",
        "confidence:[x TO 1]",
        "/regex/",
        "text:/re/",
        "café crème",
        "Ünïcödé",
        "日本語",
        "🙂",
        "a\\:b",
        "\\",
        "haem?globin",
        "anaem~",
        "\"rectal bleeding\"~",
        "IN [a b]",
        "type: IN []",
        "{a TO b}",
        "[* TO *]",
        "date:[* TO *]",
        "?",
        "PR",
        "PR-bleed",
        "T2DM/HTN",
        "10:30:15",
        "1:2",
        &long_query,
    ];
    for query in odd {
        match index.search(&SearchRequest::new(query)) {
            Ok(_) => {}
            Err(err) => assert!(err.is_user_error(), "{query:?}: internal error {err}"),
        }
    }
    Ok(())
}

#[test]
fn possessives_and_apostrophes_are_searchable() -> anyhow::Result<()> {
    let index = index_with(&[
        page("ibd", 1, "Terminal ileal Crohn's disease, on azathioprine."),
        page("ogd", 1, "Barrett's oesophagus, no dysplasia."),
        page("gp", 1, "Letter to Dr O'Brien."),
    ])?;
    assert_eq!(found(&index, "Crohn's")?, vec!["ibd"]);
    assert_eq!(found(&index, "crohn\u{2019}s disease")?, vec!["ibd"]);
    assert_eq!(found(&index, "\"Barrett's oesophagus\"")?, vec!["ogd"]);
    assert_eq!(found(&index, "O'Brien")?, vec!["gp"]);
    Ok(())
}
