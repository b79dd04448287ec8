//! Records staff's maintenance commands: rebuild the index, delete or correct a document.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use types::DocumentType;

use crate::config::{FileConfig, StoreArgs};

#[derive(Debug, Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Rebuilds the whole search index from the database.
pub async fn reindex(args: ReindexArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let (store, _blobs) = args.store.open(file).await?;
    let index = args.store.open_index(file)?;
    let started = std::time::Instant::now();
    let n = service::rebuild_index(&store, &index).await?;
    println!(
        "Re-indexed {n} documents ({} pages) in {:.1} s.",
        index.num_pages(),
        started.elapsed().as_secs_f64()
    );
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Document id (the sha256 shown by `status` and `search`).
    pub document_id: String,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Deletes a document: its record, pages, original file and index entries.
pub async fn delete(args: DeleteArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let (store, blobs) = args.store.open(file).await?;
    let index = args.store.open_index(file)?;
    let id = resolve_id(&store, &args.document_id).await?;
    service::delete_document(&store, &blobs, &index, &id).await?;
    println!("Deleted document {id}.");
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// Document id (or a unique prefix of it).
    pub document_id: String,
    /// The right NHS number (10 digits; the check digit is verified). Giving the number a
    /// scan held for confirmation (`paperlite status` lists them) confirms it.
    #[arg(long)]
    pub nhs_number: Option<String>,
    /// The right document type.
    #[arg(long = "type")]
    pub document_type: Option<DocumentType>,
    /// The right letter date (YYYY-MM-DD).
    #[arg(long)]
    pub letter_date: Option<NaiveDate>,
    /// The right date of birth (YYYY-MM-DD).
    #[arg(long)]
    pub date_of_birth: Option<NaiveDate>,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Corrects fields extracted from a document and updates the index.
pub async fn correct(args: CorrectArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let (store, _blobs) = args.store.open(file).await?;
    let index = args.store.open_index(file)?;
    let id = resolve_id(&store, &args.document_id).await?;
    let fix = service::Correction {
        nhs_number: args.nhs_number,
        document_type: args.document_type,
        letter_date: args.letter_date,
        date_of_birth: args.date_of_birth,
    };
    let doc = service::operations::correct_document(&store, CLI_USER, &id, &fix).await?;
    service::sync_index(&store, &index).await?;
    println!(
        "Corrected document {id}: NHS number {}, type {}.",
        doc.nhs_number.as_deref().unwrap_or("none"),
        doc.document_type.map_or("unknown", |t| t.as_str())
    );
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// Who the audit log names for changes made with the command line.
const CLI_USER: &str = "cli";

/// Accepts a full id or a unique prefix (as printed by `status`).
async fn resolve_id(store: &service::Store, given: &str) -> anyhow::Result<String> {
    if store.document(given).await?.is_some() {
        return Ok(given.to_string());
    }
    let matches: Vec<String> = store
        .documents()
        .await?
        .into_iter()
        .map(|d| d.id)
        .filter(|id| id.starts_with(given))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.clone()),
        [] => anyhow::bail!("no document with id {given:?}"),
        _ => anyhow::bail!(
            "{given:?} matches {} documents; give more of the id",
            matches.len()
        ),
    }
}
