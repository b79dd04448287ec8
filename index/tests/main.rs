//! Integration tests of paperlite-index: one test binary, one module per topic. The modules
//! live in `cases/` so that cargo does not build each as a test binary of its own.

#[path = "cases/support.rs"]
mod support;

#[path = "cases/corpus.rs"]
mod corpus;
#[path = "cases/fuzzy.rs"]
mod fuzzy;
#[path = "cases/query_fuzz.rs"]
mod query_fuzz;
#[path = "cases/query_language.rs"]
mod query_language;
#[path = "cases/relevance.rs"]
mod relevance;
#[path = "cases/results.rs"]
mod results;
#[path = "cases/synonyms.rs"]
mod synonyms;
#[path = "cases/writing.rs"]
mod writing;
