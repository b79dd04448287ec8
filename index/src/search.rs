//! Search requests and results: pages found, grouped by document.

use std::collections::HashMap;
use std::ops::Bound;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, QueryClone, TermSetQuery};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::collector::{Group, GroupCollector, TopDocumentsCollector};
use crate::document::PageDoc;
use crate::error::{Error, Result};
use crate::highlight;
use crate::index::SearchIndex;
use crate::query::{self, QueryLimits, QueryOptions};

/// A search: a query string plus filters and paging.
///
/// The filters are the primary way to narrow by patient, type and date; the same can be
/// written in the query (`patient:…`, `type:…`, `date:[… TO …]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Words, `"exact phrases"`, `AND`/`OR`/`NOT`, `+`/`-`, parentheses, field filters,
    /// `prefix*`. `*` alone matches every page (to list a patient's documents). Empty is
    /// an error.
    pub query: String,
    /// Only pages of this patient (spaces and hyphens ignored).
    pub nhs_number: Option<String>,
    /// Only pages of this document type (case-insensitive).
    pub document_type: Option<String>,
    /// Only documents dated on or after this day.
    pub from: Option<NaiveDate>,
    /// Only documents dated on or before this day.
    pub to: Option<NaiveDate>,
    /// Documents per result page (clamped to [`IndexConfig::max_limit`](crate::IndexConfig)).
    pub limit: usize,
    /// Documents to skip (for the next result page).
    pub offset: usize,
    /// Also match words one OCR error away (words of 5+ letters by default).
    pub fuzzy: bool,
    /// Also match clinical abbreviations and synonyms of the words.
    pub synonyms: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        Self {
            query: String::new(),
            nhs_number: None,
            document_type: None,
            from: None,
            to: None,
            limit: 20,
            offset: 0,
            fuzzy: true,
            synonyms: true,
        }
    }
}

impl SearchRequest {
    /// A request for `query` with the default options (20 documents, fuzzy and synonyms on).
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            ..Self::default()
        }
    }
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Documents with at least one matching page.
    pub total_documents: usize,
    /// Matching pages, in all documents.
    pub total_pages: usize,
    /// The requested slice of documents, best first.
    pub hits: Vec<DocumentHit>,
    /// Abbreviations and synonyms the query was widened with.
    pub expansions: Vec<QueryExpansion>,
}

/// A document with matching pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentHit {
    pub document_id: String,
    pub file_name: String,
    pub nhs_number: Option<String>,
    pub document_type: String,
    pub date: Option<NaiveDate>,
    /// Score of the best page; only meaningful for ordering within one search.
    pub score: f32,
    /// Number of matching pages in this document.
    pub matching_pages: usize,
    /// The best matching pages, best first (at most
    /// [`IndexConfig::max_pages_per_document`](crate::IndexConfig)).
    pub pages: Vec<PageHit>,
}

/// A matching page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageHit {
    pub page_number: u32,
    pub score: f32,
    /// OCR confidence of the page (0-1): low values warn that the text may be garbled.
    pub confidence: f32,
    /// HTML: an excerpt of the page, escaped, matched words in `<mark>…</mark>`. Empty for
    /// the pages after the first [`IndexConfig::snippets_per_document`](crate::IndexConfig)
    /// of a document.
    pub snippet: String,
}

/// A query term and the alternatives it was also searched as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryExpansion {
    /// The words as typed.
    pub term: String,
    /// Their abbreviations or synonyms, from the synonyms file.
    pub alternatives: Vec<String>,
}

impl SearchIndex {
    /// Runs a search. A query that does not parse is an [`Error::InvalidQuery`]; filters
    /// that contradict each other are an [`Error::InvalidRequest`].
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        if let (Some(from), Some(to)) = (request.from, request.to) {
            if from > to {
                return Err(Error::InvalidRequest {
                    reason: format!("the date range starts ({from}) after it ends ({to})"),
                });
            }
        }
        let config = self.config();
        let limit = request.limit.min(config.max_limit);
        let options = QueryOptions {
            default_operator: config.default_operator,
            fuzzy_min_chars: request.fuzzy.then_some(config.fuzzy_min_chars),
            synonyms: request.synonyms.then_some(self.synonyms()),
            limits: QueryLimits::from(config),
        };
        let parsed = query::parse(&request.query, self.fields(), self.analyzers(), &options)?;

        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, parsed.query)];
        let mut filter = |query: Box<dyn Query>| {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))));
        };
        if let Some(nhs) = &request.nhs_number {
            let query = query::nhs_number_filter(self.fields(), nhs).ok_or_else(|| {
                Error::InvalidRequest {
                    reason: "the NHS number filter is empty".into(),
                }
            })?;
            filter(query);
        }
        if let Some(document_type) = &request.document_type {
            filter(query::document_type_filter(self.fields(), document_type));
        }
        if request.from.is_some() || request.to.is_some() {
            let lower = request.from.map_or(Bound::Unbounded, Bound::Included);
            let upper = match request.to {
                Some(to) => to.succ_opt().map_or(Bound::Unbounded, Bound::Excluded),
                None => Bound::Unbounded,
            };
            filter(query::date_range(self.fields(), lower, upper));
        }
        let query = BooleanQuery::new(clauses);

        let searcher = self.reader().searcher();
        let found = searcher.search(
            &query,
            &TopDocumentsCollector {
                k: request.offset.saturating_add(limit),
            },
        )?;
        let total_documents = found.total_documents;
        let total_pages = found.total_pages;
        let selected: Vec<(String, Group)> = found.top.into_iter().skip(request.offset).collect();

        // Second pass over the selected documents only, for their best pages.
        let mut best_pages: HashMap<String, Group> = HashMap::new();
        if !selected.is_empty() && config.max_pages_per_document > 1 {
            let ids = selected
                .iter()
                .map(|(id, _)| Term::from_field_text(self.fields().document_id, id));
            let restricted = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(ids)), 0.0)),
                ),
            ]);
            best_pages = searcher.search(
                &restricted,
                &GroupCollector {
                    pages_per_group: config.max_pages_per_document,
                },
            )?;
        }

        let mut analyzers = self.analyzers();
        let mut hits = Vec::with_capacity(selected.len());
        for (id, group) in selected {
            let group = best_pages.remove(&id).unwrap_or(group);
            let mut pages = Vec::with_capacity(group.best_pages.len());
            let mut first_page: Option<PageDoc> = None;
            for (rank, page) in group.best_pages.iter().enumerate() {
                // Only pages with a snippet are read from the document store (a random read
                // and a re-analysis each); the others come from fast fields.
                let snippet = if rank < config.snippets_per_document.max(1) {
                    let stored = load_page(&searcher, self, page.address)?;
                    let snippet = highlight::snippet(
                        &stored.text,
                        &parsed.highlights,
                        &mut analyzers,
                        config.snippet_max_chars,
                    );
                    first_page.get_or_insert(stored);
                    snippet
                } else {
                    String::new()
                };
                pages.push(PageHit {
                    page_number: u32::try_from(page.page_number).unwrap_or(u32::MAX),
                    score: page.score,
                    confidence: page.confidence,
                    snippet,
                });
            }
            let Some(first) = first_page else { continue };
            hits.push(DocumentHit {
                document_id: first.document_id,
                file_name: first.file_name,
                nhs_number: first.nhs_number,
                document_type: first.document_type,
                date: first.document_date,
                score: group.score(),
                matching_pages: group.matching_pages,
                pages,
            });
        }
        tracing::debug!(
            total_documents,
            total_pages,
            returned = hits.len(),
            "search done"
        );
        Ok(SearchResults {
            total_documents,
            total_pages,
            hits,
            expansions: parsed.expansions,
        })
    }
}

fn load_page(
    searcher: &Searcher,
    index: &SearchIndex,
    address: tantivy::DocAddress,
) -> Result<PageDoc> {
    let doc: TantivyDocument = searcher.doc(address)?;
    PageDoc::from_tantivy(&doc, index.fields())
}
