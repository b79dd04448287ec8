use std::path::PathBuf;

/// Errors from the store, the blob directory and the scanning pipeline.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL {url:?}: expected sqlite:// or postgres://")]
    UnsupportedDatabase { url: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Ocr(#[from] ocr::Error),
    #[error(transparent)]
    Index(#[from] index::Error),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("the scanning pipeline stopped unexpectedly: {0}")]
    Pipeline(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
