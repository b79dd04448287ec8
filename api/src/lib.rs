//! PaperLite's service side: the store (SQLite or PostgreSQL), the content-addressed blob
//! directory and the scanning pipeline that fills them.

pub mod blobs;
pub mod error;
pub mod indexing;
pub mod scan;
pub mod store;

pub use blobs::{sha256_hex, BlobStore};
pub use error::{Error, Result};
pub use indexing::{check_index, delete_document, rebuild_index, sync_index};
pub use scan::{scan, FileOutcome, NoProgress, OutcomeKind, ScanConfig, ScanProgress, ScanSummary};
pub use store::{
    Backend, Correction, DocumentRecord, DocumentStatus, PageRecord, Store, StoreCounts,
};
