//! Configuration of a [`SearchIndex`](crate::SearchIndex).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// How the words of a query combine when no `AND`/`OR` is written between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DefaultOperator {
    /// `iron ferritin` finds pages with both words (what clinicians expect).
    #[default]
    And,
    /// `iron ferritin` finds pages with either word.
    Or,
}

/// Settings of a [`SearchIndex`](crate::SearchIndex). Every field has a sensible default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IndexConfig {
    /// Memory budget of the index writer in bytes, shared by its threads. Tantivy needs at
    /// least 15 MB per thread; more memory means fewer, larger segments.
    pub writer_memory_bytes: usize,
    /// Number of indexing threads; `None` lets tantivy choose (one per core, up to 8).
    pub writer_threads: Option<usize>,
    /// A segment is merged (which drops its deleted pages from disk) once this fraction of
    /// its pages is deleted, so the index on disk stays close to its live size after
    /// re-indexing.
    pub merge_deleted_ratio: f32,
    /// Operator between query words with no explicit `AND`/`OR`.
    pub default_operator: DefaultOperator,
    /// Words of at least this many characters also match OCR misspellings one edit away
    /// (when the request asks for fuzzy matching). Words with digits never do: a near-miss
    /// on a number is a different number.
    pub fuzzy_min_chars: usize,
    /// A synonyms file to use instead of the built-in `data/clinical_synonyms.txt`.
    pub synonyms_path: Option<PathBuf>,
    /// At most this many matching pages (best first) are listed under each document hit.
    pub max_pages_per_document: usize,
    /// Snippets are made for this many of a document's listed pages (best first, at least
    /// one); the other listed pages carry their number, score and confidence only. Each
    /// snippet reads the page from the document store, the largest cost of a search.
    pub snippets_per_document: usize,
    /// Approximate length of a page snippet, in characters.
    pub snippet_max_chars: usize,
    /// Largest `limit` a search may ask for; larger requests are clamped.
    pub max_limit: usize,
    /// Longest query accepted, in characters; a longer one is an
    /// [`Error::InvalidQuery`](crate::Error::InvalidQuery).
    pub max_query_chars: usize,
    /// Deepest nesting of parentheses and `NOT` accepted (`NOT (a OR (b AND c))` is three
    /// deep). Parsing recurses once per level, so this bounds the stack a query can use.
    pub max_query_depth: usize,
    /// Most words one query may hold (plain words, words of phrases, filter values).
    pub max_query_terms: usize,
    /// Most words of one query that expand to many index terms: fuzzy matching goes to the
    /// first this many eligible words only (later words match exactly), and a query with
    /// more prefix searches (`haemat*`) than this is refused. Each expansion walks the
    /// term dictionary, the largest CPU cost of a query.
    pub max_query_expansions: usize,
}

impl Default for IndexConfig {
    fn default() -> Self {
        Self {
            writer_memory_bytes: 128 * 1024 * 1024,
            writer_threads: None,
            merge_deleted_ratio: 0.2,
            default_operator: DefaultOperator::And,
            fuzzy_min_chars: 5,
            synonyms_path: None,
            max_pages_per_document: 5,
            snippets_per_document: 1,
            snippet_max_chars: 200,
            max_limit: 100,
            max_query_chars: 1_000,
            max_query_depth: 16,
            max_query_terms: 64,
            max_query_expansions: 8,
        }
    }
}
