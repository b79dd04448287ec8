//! Errors of the search index.
//!
//! User mistakes (a query that does not parse, a page with no document id, a bad synonyms
//! file) are kept apart from internal failures (tantivy, I/O): see [`Error::is_user_error`].
//! An HTTP layer answers the first with a 4xx and the message, the second with a generic 5xx.

use std::path::PathBuf;

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the search index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query string could not be understood. `reason` is meant for the user.
    #[error("invalid query {query:?}: {reason}")]
    InvalidQuery {
        /// The query as the user typed it.
        query: String,
        /// What is wrong with it, in words a clinician can act on.
        reason: String,
    },

    /// A search request's filters or paging make no sense (e.g. `from` after `to`).
    #[error("invalid search request: {reason}")]
    InvalidRequest {
        /// What is wrong with the request.
        reason: String,
    },

    /// A page handed to [`SearchIndex::add_pages`](crate::SearchIndex::add_pages) is unusable.
    #[error("invalid page {page_number} of document {document_id:?}: {reason}")]
    InvalidPage {
        /// The page's document id (possibly empty).
        document_id: String,
        /// The page's number.
        page_number: u32,
        /// What is wrong with it.
        reason: String,
    },

    /// The synonyms file does not follow its format.
    #[error("synonyms file {source_name}, line {line}: {reason}")]
    Synonyms {
        /// File path, or `built-in` for the file compiled into the crate.
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },

    /// An index exists in the directory but was built with another schema (another PaperLite
    /// version): rebuild it into an empty directory.
    #[error("the search index in {path} was built with a different schema; rebuild it")]
    SchemaMismatch {
        /// The index directory.
        path: PathBuf,
    },

    /// A file could not be read or a directory not created.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done, e.g. "could not read".
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// A stored page lacks a field this crate always writes: the index is damaged or foreign.
    #[error("corrupt search index: {0}")]
    Corrupt(String),

    /// An internal tantivy failure.
    #[error("search engine error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// True for mistakes in what the caller passed (query, request, page, synonyms file),
    /// false for internal failures.
    pub fn is_user_error(&self) -> bool {
        self.fault() == types::Fault::Input
    }

    /// Who is at fault: what the caller passed (query, request, page, synonyms file), the
    /// deployment (an index built by another version) or the machine.
    pub fn fault(&self) -> types::Fault {
        use types::Fault;
        match self {
            Error::InvalidQuery { .. }
            | Error::InvalidRequest { .. }
            | Error::InvalidPage { .. }
            | Error::Synonyms { .. } => Fault::Input,
            Error::SchemaMismatch { .. } => Fault::Setup,
            Error::Io { .. } | Error::Corrupt(_) | Error::Tantivy(_) => Fault::Internal,
        }
    }

    /// A stable snake_case code per kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidQuery { .. } => "invalid_query",
            Error::InvalidRequest { .. } => "invalid_search_request",
            Error::InvalidPage { .. } => "invalid_page",
            Error::Synonyms { .. } => "invalid_synonyms_file",
            Error::SchemaMismatch { .. } => "index_schema_mismatch",
            Error::Io { .. } => "io_error",
            Error::Corrupt(_) => "corrupt_index",
            Error::Tantivy(_) => "search_engine_error",
        }
    }

    pub(crate) fn invalid_query(query: &str, reason: impl Into<String>) -> Self {
        Error::InvalidQuery {
            query: query.to_string(),
            reason: reason.into(),
        }
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for Error {
    fn from(err: tantivy::directory::error::OpenDirectoryError) -> Self {
        Error::Tantivy(err.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_errors_are_told_apart_from_internal_ones() {
        assert!(Error::invalid_query("a AND", "dangling AND").is_user_error());
        assert!(!Error::Corrupt("x".into()).is_user_error());
        let message = Error::invalid_query("(anaemia", "unbalanced parenthesis").to_string();
        assert!(message.contains("(anaemia") && message.contains("unbalanced"));
    }
}
