//! Small fixtures: pages with sensible defaults and an in-memory index holding them.

use chrono::NaiveDate;
use paperlite_index::{IndexConfig, PageDoc, SearchIndex, SearchRequest, SearchResults};

/// A page of `document_id` with the given text; other fields have defaults.
pub fn page(document_id: &str, page_number: u32, text: &str) -> PageDoc {
    PageDoc {
        document_id: document_id.to_string(),
        page_number,
        file_name: format!("{document_id}.pdf"),
        nhs_number: Some("9990000018".to_string()),
        document_type: "clinic_letter".to_string(),
        document_date: Some(date(2020, 1, 1)),
        confidence: 0.9,
        text: text.to_string(),
    }
}

pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

/// An in-memory index with the default configuration holding `pages`, committed.
pub fn index_with(pages: &[PageDoc]) -> anyhow::Result<SearchIndex> {
    index_with_config(pages, IndexConfig::default())
}

pub fn index_with_config(pages: &[PageDoc], config: IndexConfig) -> anyhow::Result<SearchIndex> {
    let index = SearchIndex::create_in_ram(config)?;
    index.add_pages(pages)?;
    index.commit()?;
    Ok(index)
}

/// Searches with default options.
pub fn search(index: &SearchIndex, query: &str) -> anyhow::Result<SearchResults> {
    Ok(index.search(&SearchRequest::new(query))?)
}

/// Document ids of the hits, in order.
pub fn ids(results: &SearchResults) -> Vec<&str> {
    results
        .hits
        .iter()
        .map(|h| h.document_id.as_str())
        .collect()
}

/// Document ids found by `query`, in order.
pub fn found(index: &SearchIndex, query: &str) -> anyhow::Result<Vec<String>> {
    Ok(ids(&search(index, query)?)
        .into_iter()
        .map(str::to_string)
        .collect())
}
