//! Writing: replace, delete, clear, commit visibility, validation, and the index on disk.

use std::path::Path;

use paperlite_index::{Error, IndexConfig, PageDoc, SearchIndex, SearchRequest};

use crate::support::{found, index_with, page, search};

#[test]
fn deleting_a_document_removes_all_its_pages() -> anyhow::Result<()> {
    let index = index_with(&[
        page("gone", 1, "Anaemia page one."),
        page("gone", 2, "Anaemia page two."),
        page("kept", 1, "Anaemia elsewhere."),
    ])?;
    index.delete_document("gone")?;
    // Not visible before the commit.
    assert_eq!(index.num_pages(), 3);
    index.commit()?;
    assert_eq!(found(&index, "anaemia")?, vec!["kept"]);
    assert_eq!(index.num_pages(), 1);
    assert_eq!(index.num_documents()?, 1);
    Ok(())
}

#[test]
fn adding_a_document_again_replaces_its_pages() -> anyhow::Result<()> {
    let index = index_with(&[
        page("doc", 1, "Anaemia first version."),
        page("doc", 2, "Anaemia second page."),
        page("doc", 3, "Anaemia third page."),
    ])?;
    for _ in 0..3 {
        index.add_pages(&[
            page("doc", 1, "Anaemia corrected OCR."),
            page("doc", 2, "Anaemia second page."),
        ])?;
        index.commit()?;
    }
    assert_eq!(index.num_pages(), 2);
    let results = search(&index, "anaemia")?;
    assert_eq!(results.total_documents, 1);
    assert_eq!(results.total_pages, 2);
    assert!(found(&index, "version")?.is_empty());
    assert_eq!(found(&index, "corrected")?, vec!["doc"]);
    Ok(())
}

#[test]
fn a_page_given_twice_in_one_call_is_indexed_once() -> anyhow::Result<()> {
    let index = SearchIndex::create_in_ram(IndexConfig::default())?;
    let added = index.add_pages(&[page("doc", 1, "Old text."), page("doc", 1, "New text.")])?;
    assert_eq!(added, 1);
    index.commit()?;
    assert_eq!(index.num_pages(), 1);
    assert_eq!(found(&index, "new")?, vec!["doc"]);
    Ok(())
}

#[test]
fn clear_empties_the_index_for_a_rebuild() -> anyhow::Result<()> {
    let index = index_with(&[page("a", 1, "Anaemia."), page("b", 1, "Anaemia.")])?;
    index.clear()?;
    index.add_pages(&[page("c", 1, "Anaemia.")])?;
    index.commit()?;
    assert_eq!(found(&index, "anaemia")?, vec!["c"]);
    Ok(())
}

#[test]
fn changes_are_invisible_until_committed_and_can_be_rolled_back() -> anyhow::Result<()> {
    let index = index_with(&[page("a", 1, "Anaemia.")])?;
    index.add_pages(&[page("b", 1, "Anaemia.")])?;
    assert_eq!(found(&index, "anaemia")?, vec!["a"]);
    index.rollback()?;
    index.commit()?;
    assert_eq!(found(&index, "anaemia")?, vec!["a"]);
    Ok(())
}

#[test]
fn invalid_pages_are_refused_and_nothing_is_queued() -> anyhow::Result<()> {
    let index = index_with(&[])?;
    let err = index
        .add_pages(&[page("good", 1, "Anaemia."), page("", 2, "Anaemia.")])
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPage { .. }), "{err}");
    assert!(err.is_user_error());
    index.commit()?;
    assert_eq!(index.num_pages(), 0);
    let nan = PageDoc {
        confidence: f32::NAN,
        ..page("nan", 1, "x")
    };
    assert!(index.add_pages(&[nan]).is_err());
    Ok(())
}

#[test]
fn an_empty_index_answers_with_no_hits() -> anyhow::Result<()> {
    let index = index_with(&[])?;
    let results = index.search(&SearchRequest::new("anaemia"))?;
    assert_eq!(results.total_documents, 0);
    assert!(results.hits.is_empty());
    assert_eq!(index.num_documents()?, 0);
    Ok(())
}

fn dir_size(path: &Path) -> anyhow::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(path)? {
        let metadata = entry?.metadata()?;
        if metadata.is_file() {
            total += metadata.len();
        }
    }
    Ok(total)
}

fn letter_pages(version: usize) -> Vec<PageDoc> {
    (0..40)
        .flat_map(|d| {
            (1..=3).map(move |p| {
                page(
                    &format!("doc-{d}"),
                    p,
                    &format!(
                        "Version {version}. Referral for iron deficiency anaemia, ferritin {d}, \
                         colonoscopy and gastroscopy requested, page {p} of 3. {}",
                        "Past history includes hypertension and type 2 diabetes. ".repeat(10)
                    ),
                )
            })
        })
        .collect()
}

#[test]
fn an_index_on_disk_persists_and_stays_small_after_reindexing() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let config = IndexConfig {
        writer_memory_bytes: 30_000_000,
        writer_threads: Some(1),
        ..IndexConfig::default()
    };
    {
        let index = SearchIndex::open_or_create(dir.path(), config.clone())?;
        index.add_pages(&letter_pages(0))?;
        index.commit()?;
    }
    let live_size = dir_size(dir.path())?;

    let index = SearchIndex::open_or_create(dir.path(), config.clone())?;
    assert_eq!(index.num_pages(), 120);
    for version in 1..=30 {
        index.add_pages(&letter_pages(version))?;
        if version % 3 == 0 {
            index.delete_document("doc-0")?;
        }
        index.commit()?;
    }
    assert_eq!(index.num_pages(), 117);
    // Deleted pages are merged away in the background and unused segment files collected;
    // without that the directory would hold 30 copies of the pages.
    let after_commits = dir_size(dir.path())?;
    assert!(
        after_commits < live_size * 2,
        "{after_commits} bytes on disk for a live size of {live_size}"
    );
    index.compact()?;
    let after_compact = dir_size(dir.path())?;
    assert!(
        after_compact < live_size * 5 / 4,
        "{after_compact} bytes after compaction for a live size of {live_size}"
    );
    assert_eq!(index.num_pages(), 117);
    let results = index.search(&SearchRequest::new("\"version 30\""))?;
    assert_eq!(results.total_documents, 39);
    assert_eq!(results.total_pages, 117);
    drop(index);

    // Reopened, it still answers.
    let index = SearchIndex::open_or_create(dir.path(), config)?;
    assert_eq!(index.num_pages(), 117);
    assert_eq!(index.num_documents()?, 39);
    Ok(())
}

#[test]
fn a_reader_only_process_does_not_take_the_writer_lock() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let writer = SearchIndex::open_or_create(dir.path(), IndexConfig::default())?;
    writer.add_pages(&[page("a", 1, "Anaemia.")])?;
    writer.commit()?;
    let reader = SearchIndex::open_or_create(dir.path(), IndexConfig::default())?;
    assert_eq!(
        reader
            .search(&SearchRequest::new("anaemia"))?
            .total_documents,
        1
    );
    // A second writer fails while the first holds the lock: a clear internal error.
    let err = reader.add_pages(&[page("b", 1, "x")]).unwrap_err();
    assert!(!err.is_user_error());
    Ok(())
}
