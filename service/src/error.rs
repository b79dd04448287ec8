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
    /// A caller's mistake (unknown role, bad username, unknown label): the message is for
    /// the user.
    #[error("{0}")]
    Invalid(String),
    /// A caller's mistake with its own stable code (`invalid_label`, `reason_required`,
    /// ...), for answers that name the kind of mistake.
    #[error("{message}")]
    Rejected { code: &'static str, message: String },
    /// What the caller named does not exist (no such letter, document or page).
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Triage(#[from] triage::Error),
}

impl Error {
    /// True when the caller's input is at fault rather than the machine.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Invalid(_) | Error::Rejected { .. } | Error::NotFound(_) => true,
            Error::Index(e) => e.is_user_error(),
            _ => false,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
