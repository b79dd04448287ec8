//! The synthetic corpus indexes and is findable by its ground truth.

use paperlite_index::{IndexConfig, SearchIndex, SearchRequest};
use synthetic::search::{Corpus, CorpusConfig};

#[test]
fn generated_documents_are_found_by_their_conditions() -> anyhow::Result<()> {
    let corpus = Corpus::new(CorpusConfig {
        patients: 200,
        ocr_error_rate: 0.0,
        ..CorpusConfig::default()
    });
    let index = SearchIndex::create_in_ram(IndexConfig::default())?;
    let documents: Vec<_> = (0..300).map(|i| corpus.document(i)).collect();
    for document in &documents {
        index.add_pages(&document.pages)?;
    }
    index.commit()?;
    let about_ida: Vec<&str> = documents
        .iter()
        .filter(|d| d.conditions.contains(&"iron deficiency anaemia"))
        .map(|d| d.pages[0].document_id.as_str())
        .collect();
    assert!(!about_ida.is_empty());
    let results = index.search(&SearchRequest {
        limit: 100,
        ..SearchRequest::new("IDA")
    })?;
    for id in about_ida {
        assert!(
            results.hits.iter().any(|h| h.document_id == id),
            "{id} not found by IDA"
        );
    }
    Ok(())
}
