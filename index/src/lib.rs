//! PaperLite full-text search over OCRed pages, on [tantivy](https://docs.rs/tantivy).
//!
//! One tantivy document per scanned page ([`PageDoc`]); a search returns documents, each
//! with its best matching pages and HTML snippets ([`SearchResults`]). The database stays
//! the system of record: the index can be rebuilt from it at any time
//! ([`SearchIndex::clear`], [`SearchIndex::add_pages`], [`SearchIndex::commit`]).
//!
//! ```
//! use paperlite_index::{IndexConfig, PageDoc, SearchIndex, SearchRequest};
//!
//! # fn main() -> paperlite_index::Result<()> {
//! let index = SearchIndex::create_in_ram(IndexConfig::default())?;
//! index.add_pages(&[PageDoc {
//!     document_id: "doc-1".into(),
//!     page_number: 1,
//!     file_name: "referral.pdf".into(),
//!     nhs_number: Some("999 000 0018".into()),
//!     document_type: "referral_letter".into(),
//!     document_date: None,
//!     confidence: 0.93,
//!     text: "Iron deficiency anaemia, Hb 92. Please see.".into(),
//! }])?;
//! index.commit()?;
//! let results = index.search(&SearchRequest::new("IDA"))?;
//! assert_eq!(results.total_documents, 1);
//! assert!(results.hits[0].pages[0].snippet.contains("<mark>anaemia</mark>"));
//! # Ok(())
//! # }
//! ```
//!
//! # Query language
//!
//! | Write | Finds |
//! | --- | --- |
//! | `anaemia ferritin` | pages with both words (stemmed: `bleed` finds `bleeding`; [`IndexConfig::default_operator`] can make it "either") |
//! | `colonoscopy OR gastroscopy`, `anaemia AND NOT smoker`, `+a -b`, `(a OR b) AND c` | boolean combinations |
//! | `"rectal bleeding"` | the exact words, adjacent and in order (no stemming, fuzziness or synonyms); `"a b"~2` allows two words between |
//! | `haemat*` | words starting with `haemat` |
//! | `patient:9991234567`, `nhs:"999 123 4567"` | pages of one patient |
//! | `type:referral_letter`, `type: IN [results other]` | pages of a document type |
//! | `date:2023`, `date:2023-05`, `date:31/05/2023`, `date:[2023-01-01 TO 2023-06-30]`, `date:[2024 TO *]` | documents dated in the period (bounds name whole days, months or years; `[]` inclusive, `{}` exclusive) |
//! | `doc:ID`, `file:NAME`, `page:2`, `confidence:[0 TO 0.6]` | a document, a file, a page number, poorly OCRed pages |
//! | `word^2` | weighs a part of the query more |
//! | `*` | every page (with filters: all of a patient's documents) |
//!
//! Each typed word also matches, below its exact matches, its clinical abbreviations and
//! synonyms ([`Synonyms`], `data/clinical_synonyms.txt`; `IDA` finds "iron deficiency
//! anaemia" and back, `PR bleed` finds "rectal bleeding") and, for words of five letters or
//! more without digits, OCR misspellings one edit away (`haemoglobin` finds `haemoglobn`).
//! Scores are banded so that, word by word, a direct hit always ranks above a synonym hit,
//! which ranks above a fuzzy-only hit. A query that does not parse is an
//! [`Error::InvalidQuery`] with a reason to show the user.
//!
//! Synthetic pages for benchmarks and tests come from `paperlite-synthetic` (`search`), outside
//! the product.

mod analysis;
mod collector;
mod config;
mod document;
mod error;
mod highlight;
mod index;
mod query;
mod schema;
mod search;
mod synonyms;
mod tier;

pub use config::{DefaultOperator, IndexConfig};
pub use document::PageDoc;
pub use error::{Error, Result};
pub use index::SearchIndex;
pub use search::{DocumentHit, PageHit, QueryExpansion, SearchRequest, SearchResults};
pub use synonyms::{Synonyms, BUILTIN_SYNONYMS};
