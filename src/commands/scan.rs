use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use crate::config::{FileConfig, OcrArgs, StoreArgs};
use crate::progress::TerminalProgress;

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files and folders to scan (folders are walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub ocr: OcrArgs,
    /// Print a machine-readable summary (JSON) on stdout.
    #[arg(long)]
    pub json: bool,
    /// Keep the originals of files that failed in the blob store (by default they are
    /// removed; the files themselves are never touched).
    #[arg(long, env = "PAPERLITE_KEEP_FAILED")]
    pub keep_failed: bool,
    /// Declare the type of every document in this batch (e.g. `--type referral_letter` for a
    /// batch of GP referrals): stored whatever the classifier reads, so every referral is
    /// triaged.
    #[arg(long = "type")]
    pub document_type: Option<types::DocumentType>,
}

/// Exit status when some files could not be scanned (the rest were stored).
pub const EXIT_SOME_FAILED: u8 = 2;

pub async fn run(args: ScanArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let (store, blobs) = args.store.open(file).await?;
    let config = service::ScanConfig {
        ocr: args.ocr.ocr_config(file),
        workers: args.ocr.workers(file),
        keep_failed_originals: args.keep_failed,
        declared_type: args.document_type,
    };
    let index = match args.store.open_index(file) {
        Ok(index) => Some(index),
        Err(e) => {
            eprintln!(
                "warning: {e:#}; pages will be stored and indexed later by `paperlite reindex`"
            );
            None
        }
    };
    let progress = Arc::new(TerminalProgress::new());
    let summary = service::scan(
        &store,
        &blobs,
        index.as_ref(),
        &args.paths,
        &config,
        progress.clone(),
    )
    .await;
    progress.finish();
    let summary = summary?;
    store.close().await;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!(
            "Scanned {} files in {:.1} s: {} stored ({} pages, {:.2} pages/s, {} need review), {} already stored, {} duplicates, {} failed.",
            summary.files,
            summary.elapsed_seconds,
            summary.documents_stored,
            summary.pages,
            summary.pages_per_second,
            summary.needs_review,
            summary.already_stored,
            summary.duplicates,
            summary.failed.len()
        );
        if !summary.ignored.is_empty() {
            println!(
                "Ignored {} files without a scan extension (name them explicitly to try them).",
                summary.ignored.len()
            );
        }
        for skipped in summary
            .skipped
            .iter()
            .filter(|s| !summary.ignored.contains(&s.file))
        {
            println!("  not scanned: {}: {}", skipped.file, skipped.reason);
        }
        for doc in &summary.documents {
            for reason in &doc.review_reasons {
                println!("  needs review: {}: {reason}", doc.file);
            }
        }
        for failed in &summary.failed {
            println!("  failed: {}: {}", failed.file, failed.reason);
        }
        for warning in &summary.warnings {
            println!("  warning: {warning}");
        }
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    })
}
