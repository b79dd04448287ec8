use std::path::PathBuf;

use types::Fault;

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
    /// This process lacks something the work needs (no triage model loaded): an operator's
    /// matter, and another worker may have it.
    #[error("{0}")]
    Unavailable(String),
}

impl Error {
    /// True when the caller's input is at fault rather than the machine or the set-up.
    pub fn is_user_error(&self) -> bool {
        self.fault().is_callers()
    }

    /// Who is at fault, asked of the wrapped OCR, index and triage errors too, so that a file
    /// that is not a scan stays the caller's mistake after passing through the queue.
    pub fn fault(&self) -> Fault {
        match self {
            Error::Invalid(_) | Error::Rejected { .. } => Fault::Input,
            Error::NotFound(_) => Fault::NotFound,
            Error::UnsupportedDatabase { .. } | Error::Unavailable(_) => Fault::Setup,
            Error::Ocr(e) => e.fault(),
            Error::Index(e) => e.fault(),
            Error::Triage(e) => e.fault(),
            Error::Database(_)
            | Error::Migration(_)
            | Error::Io { .. }
            | Error::Corrupt(_)
            | Error::Pipeline(_) => Fault::Internal,
        }
    }

    /// A stable snake_case code per kind of failure (the wrapped crate's own code where there
    /// is one), for API answers and job records.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Database(_) => "database_error",
            Error::Migration(_) => "migration_failed",
            Error::UnsupportedDatabase { .. } => "unsupported_database",
            Error::Io { .. } => "io_error",
            Error::Ocr(e) => e.code(),
            Error::Index(e) => e.code(),
            Error::Triage(e) => e.code(),
            Error::Corrupt(_) => "corrupt_store",
            Error::Pipeline(_) => "pipeline_stopped",
            Error::Invalid(_) => "invalid_request",
            Error::Rejected { code, .. } => code,
            Error::NotFound(_) => "not_found",
            Error::Unavailable(_) => "unavailable",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_error_keeps_who_is_at_fault_and_its_code() {
        let not_a_scan = Error::from(ocr::Error::UnsupportedFormat {
            magic: "%!PS".into(),
        });
        assert_eq!(not_a_scan.fault(), Fault::Input);
        assert_eq!(not_a_scan.code(), "not_a_scan");
        assert!(not_a_scan.is_user_error());
        assert!(!not_a_scan.fault().is_retryable());

        let no_engine = Error::from(ocr::Error::EngineInit("no eng.traineddata".into()));
        assert_eq!(no_engine.fault(), Fault::Setup);
        assert_eq!(no_engine.code(), "ocr_engine_unavailable");
        assert!(!no_engine.is_user_error());
        assert!(no_engine.fault().is_retryable());

        let no_model = Error::from(triage::Error::Model {
            path: "models/x".into(),
            reason: "missing".into(),
        });
        assert_eq!(no_model.fault(), Fault::Setup);
        assert_eq!(no_model.code(), "model_unavailable");

        let bad_label = Error::from(triage::Error::UnknownUrgency("soon".into()));
        assert_eq!(bad_label.fault(), Fault::Input);
        assert_eq!(bad_label.code(), "unknown_urgency");

        let engine_crash = Error::from(ocr::Error::Recognition {
            page: 2,
            reason: "panicked".into(),
        });
        assert_eq!(engine_crash.fault(), Fault::Internal);
        assert!(engine_crash.fault().is_retryable());

        assert_eq!(Error::NotFound("no letter".into()).fault(), Fault::NotFound);
        assert_eq!(
            Error::Unavailable("no model loaded".into()).fault(),
            Fault::Setup
        );
        let rejected = Error::Rejected {
            code: "reason_required",
            message: "say why".into(),
        };
        assert_eq!(
            (rejected.fault(), rejected.code()),
            (Fault::Input, "reason_required")
        );
    }
}
