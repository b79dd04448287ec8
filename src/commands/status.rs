use std::process::ExitCode;

use clap::Args;

use crate::config::{FileConfig, StoreArgs};

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(args: StatusArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let (store, _blobs) = args.store.open(file).await?;
    let counts = store.counts().await?;
    let documents = store.documents().await?;
    store.close().await;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "counts": counts,
                "documents": documents,
            }))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} documents ({} done, {} failed), {} pages, {} pages need review, {} NHS numbers to confirm",
        counts.documents,
        counts.done,
        counts.failed,
        counts.pages,
        counts.pages_needing_review,
        counts.nhs_numbers_to_confirm
    );
    for d in &documents {
        println!(
            "{}  {:<10} {:<18} pages {:<4} review {:<3} nhs {:<11} dob {:<10} date {:<10} {}{}",
            &d.id[..12.min(d.id.len())],
            d.status.as_str(),
            d.document_type.map_or("-", |t| t.as_str()),
            d.page_count.map_or("-".to_string(), |n| n.to_string()),
            d.pages_needing_review,
            nhs_shown(d),
            d.date_of_birth.map_or("-".to_string(), |x| x.to_string()),
            d.letter_date.map_or("-".to_string(), |x| x.to_string()),
            d.file_name,
            d.error
                .as_ref()
                .map_or(String::new(), |e| format!("  ({e})")),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The stored NHS number, or one held for confirmation marked with a `?` ("?9997096029":
/// `paperlite correct ID --nhs-number N` confirms or replaces it).
fn nhs_shown(d: &service::DocumentRecord) -> String {
    match (&d.nhs_number, &d.nhs_number_to_confirm) {
        (Some(n), _) => n.clone(),
        (None, Some(held)) => format!("?{held}"),
        (None, None) => "-".to_string(),
    }
}
