//! Clinical abbreviations, synonyms and UK/US spellings at query time.

use std::io::Write;

use paperlite_index::{IndexConfig, SearchIndex, SearchRequest, Synonyms};

use crate::support::{found, ids, index_with, index_with_config, page, search};

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn the_builtin_list_parses_and_has_at_least_200_groups() -> anyhow::Result<()> {
    let synonyms = Synonyms::builtin()?;
    assert!(synonyms.len() >= 200, "{} groups", synonyms.len());
    for (term, expected) in [
        ("IDA", "iron deficiency anaemia"),
        ("iron deficiency anaemia", "IDA"),
        ("PR bleed", "rectal bleeding"),
        ("MI", "myocardial infarction"),
        ("CIBH", "change in bowel habit"),
        ("OGD", "gastroscopy"),
        ("gastroscopy", "oesophagogastroduodenoscopy"),
        ("LFTs", "liver function test"),
        ("UC", "ulcerative colitis"),
        ("HTN", "hypertension"),
        ("AF", "atrial fibrillation"),
        ("SOB", "shortness of breath"),
        ("CVA", "stroke"),
        ("GORD", "reflux"),
        ("PPI", "proton pump inhibitor"),
        ("anaemia", "anemia"),
        ("esophagus", "oesophagus"),
        ("Hb", "haemoglobin"),
        ("furosemide", "frusemide"),
    ] {
        let alternatives = synonyms.expand(term);
        assert!(
            alternatives.iter().any(|a| a == expected),
            "{term} -> {alternatives:?}, expected {expected}"
        );
    }
    Ok(())
}

fn gi_pages() -> Vec<paperlite_index::PageDoc> {
    vec![
        page("phrase", 1, "Referred with iron deficiency anaemia, Hb 94."),
        page("abbrev", 1, "Known IDA, on ferrous sulfate."),
        page("rectal", 1, "Two months of rectal bleeding and CIBH."),
        page("pr", 1, "PR bleed since January."),
        page("us", 1, "Iron deficiency anemia on bloods."),
        page("other", 1, "Knee pain, osteoarthritis."),
    ]
}

#[test]
fn an_abbreviation_finds_its_expansion_and_back() -> anyhow::Result<()> {
    let index = index_with(&gi_pages())?;
    let ida = sorted(found(&index, "IDA")?);
    assert_eq!(ida, vec!["abbrev", "phrase", "us"]);
    let long = sorted(found(&index, "iron deficiency anaemia")?);
    assert_eq!(long, vec!["abbrev", "phrase", "us"]);
    Ok(())
}

#[test]
fn pr_bleed_finds_rectal_bleeding() -> anyhow::Result<()> {
    let index = index_with(&gi_pages())?;
    assert_eq!(sorted(found(&index, "PR bleed")?), vec!["pr", "rectal"]);
    assert_eq!(
        sorted(found(&index, "rectal bleeding")?),
        vec!["pr", "rectal"]
    );
    Ok(())
}

#[test]
fn us_spellings_find_uk_text_even_inside_phrases() -> anyhow::Result<()> {
    let index = index_with(&gi_pages())?;
    assert_eq!(
        sorted(found(&index, "iron deficiency anemia")?),
        vec!["abbrev", "phrase", "us"]
    );
    let anemia = sorted(found(&index, "anemia")?);
    assert_eq!(anemia, vec!["phrase", "us"]);
    Ok(())
}

#[test]
fn synonyms_can_be_switched_off() -> anyhow::Result<()> {
    let index = index_with(&gi_pages())?;
    let request = SearchRequest {
        synonyms: false,
        ..SearchRequest::new("IDA")
    };
    let results = index.search(&request)?;
    assert_eq!(ids(&results), vec!["abbrev"]);
    assert!(results.expansions.is_empty());
    Ok(())
}

#[test]
fn the_expansions_used_are_reported() -> anyhow::Result<()> {
    let index = index_with(&gi_pages())?;
    let results = search(&index, "IDA")?;
    assert_eq!(results.expansions.len(), 1);
    assert_eq!(results.expansions[0].term, "IDA");
    assert!(results.expansions[0]
        .alternatives
        .contains(&"iron deficiency anaemia".to_string()));
    Ok(())
}

#[test]
fn ambiguous_abbreviations_expand_but_exact_hits_come_first() -> anyhow::Result<()> {
    let index = index_with(&[
        page(
            "embolism",
            1,
            "CTPA confirms pulmonary embolism. Pulmonary embolism treated.",
        ),
        page("effusion", 1, "Large pleural effusion drained."),
        page(
            "exact",
            1,
            &format!("{} ?PE {}", "Reviewed. ".repeat(40), "Plan. ".repeat(40)),
        ),
        page("other", 1, "Ankle sprain."),
    ])?;
    let order = found(&index, "PE")?;
    assert_eq!(order.len(), 3, "{order:?}");
    assert_eq!(order[0], "exact", "{order:?}");
    Ok(())
}

#[test]
fn an_exact_abbreviation_outranks_a_page_full_of_its_expansion() -> anyhow::Result<()> {
    let index = index_with(&[
        page("long", 1, &"Myocardial infarction. ".repeat(10)),
        page(
            "short",
            1,
            &format!(
                "{} Previous MI. {}",
                "Well. ".repeat(50),
                "Well. ".repeat(50)
            ),
        ),
    ])?;
    assert_eq!(found(&index, "MI")?, vec!["short", "long"]);
    assert_eq!(
        found(&index, "myocardial infarction")?,
        vec!["long", "short"]
    );
    Ok(())
}

#[test]
fn synonym_hits_are_highlighted() -> anyhow::Result<()> {
    let index = index_with(&gi_pages())?;
    let results = search(&index, "IDA")?;
    let phrase = results
        .hits
        .iter()
        .find(|h| h.document_id == "phrase")
        .expect("phrase page found");
    let snippet = &phrase.pages[0].snippet;
    assert!(
        snippet.contains("<mark>iron</mark> <mark>deficiency</mark> <mark>anaemia</mark>"),
        "{snippet}"
    );
    // "Hb" on the same page is not part of the match.
    assert!(!snippet.contains("<mark>Hb</mark>"), "{snippet}");
    Ok(())
}

#[test]
fn plural_abbreviations_match_singular_ones() -> anyhow::Result<()> {
    let index = index_with(&[
        page("plural", 1, "LFTs deranged."),
        page("words", 1, "Liver function tests requested."),
    ])?;
    assert_eq!(sorted(found(&index, "LFT")?), vec!["plural", "words"]);
    assert_eq!(
        sorted(found(&index, "liver function tests")?),
        vec!["plural", "words"]
    );
    Ok(())
}

#[test]
fn a_synonyms_file_can_replace_the_builtin_one() -> anyhow::Result<()> {
    let mut file = tempfile::NamedTempFile::new()?;
    writeln!(file, "# local list\nFOO | frobnication of the oesophagus")?;
    let config = IndexConfig {
        synonyms_path: Some(file.path().to_path_buf()),
        ..IndexConfig::default()
    };
    let index = index_with_config(
        &[
            page("frob", 1, "Severe frobnication of the oesophagus."),
            page("ida", 1, "Iron deficiency anaemia."),
        ],
        config.clone(),
    )?;
    assert_eq!(found(&index, "FOO")?, vec!["frob"]);
    assert!(found(&index, "IDA")?.is_empty());
    assert_eq!(index.synonyms().len(), 1);

    writeln!(file, "broken line without separator")?;
    let err = SearchIndex::create_in_ram(config).unwrap_err();
    assert!(err.is_user_error(), "{err}");
    assert!(err.to_string().contains("line 3"), "{err}");
    Ok(())
}
