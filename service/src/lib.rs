//! PaperLite's engine: the store (SQLite or PostgreSQL) and its migrations, the
//! content-addressed blob directory, the scanning pipeline that fills them, the work queue
//! and its workers, search indexing, triage suggestions, accounts and the audit log.
//!
//! It knows nothing of HTTP: the web server (`paperlite-api`, folder `api/`) and the CLI
//! are adapters over it.

pub mod accounts;
pub mod audit;
pub mod blobs;
pub mod error;
pub mod indexing;
pub mod jobs;
pub mod operations;
pub mod review;
pub mod scan;
pub mod store;
pub mod suggestions;
pub mod uploads;
pub mod worker;

pub use accounts::{Role, User};
pub use blobs::{sha256_hex, BlobStore};
pub use error::{Error, Result};
pub use indexing::{check_index, delete_document, rebuild_index, sync_index};
pub use jobs::{Job, JobKind, JobStatus};
pub use scan::{
    process_document, scan, FileOutcome, NoProgress, OutcomeKind, ScanConfig, ScanProgress,
    ScanSummary,
};
pub use store::{
    Backend, Correction, DocumentRecord, DocumentStatus, PageRecord, Store, StoreCounts,
};
