//! Who is at fault when an operation fails, as a type every crate's error answers with.
//!
//! The class survives wrapping: the service's error asks the OCR, triage or index error it
//! wraps, so an upload that is not a scan is still the caller's mistake (a 4xx, not retried)
//! after it has passed through the queue, and a missing model is still the deployment's
//! problem (a 503, retried by another worker) rather than a generic 500.

use std::fmt;

/// Who is at fault for a failure, which decides the HTTP status and whether a job is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The caller's input: a file that is not a scan, an unknown label, a query that does not
    /// parse. The message is for the user; retrying the same input fails the same way.
    Input,
    /// What the caller named does not exist (no such document, page or letter).
    NotFound,
    /// The deployment's set-up: no triage model loaded, the PDF library or Tesseract missing,
    /// a bad configuration or data file. An operator must act; another worker may succeed.
    Setup,
    /// The machine or this program: database, disk, a crashed engine. Worth retrying.
    Internal,
}

impl Fault {
    /// True when the caller can fix it (input or a name that does not exist).
    pub fn is_callers(self) -> bool {
        matches!(self, Fault::Input | Fault::NotFound)
    }

    /// True when trying the same work again (later, or on another worker) may succeed.
    pub fn is_retryable(self) -> bool {
        matches!(self, Fault::Setup | Fault::Internal)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Fault::Input => "input",
            Fault::NotFound => "not_found",
            Fault::Setup => "setup",
            Fault::Internal => "internal",
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
