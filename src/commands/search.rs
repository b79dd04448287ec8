use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use index::{SearchRequest, SearchResults};
use serde::Serialize;

use crate::config::{FileConfig, StoreArgs};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", AND/OR/NOT, field filters (patient:, type:, date:).
    pub query: String,
    /// Only this patient's documents (NHS number, spaces allowed).
    #[arg(long)]
    pub patient: Option<String>,
    /// Only this document type (referral_letter, clinic_letter, discharge_summary,
    /// results, other).
    #[arg(long = "type")]
    pub document_type: Option<String>,
    /// Documents dated on or after this day (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Documents dated on or before this day.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Documents per page of results.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Page of results (1-based).
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Turn off OCR-tolerant fuzzy matching.
    #[arg(long)]
    pub no_fuzzy: bool,
    /// Turn off abbreviation and synonym expansion.
    #[arg(long)]
    pub no_synonyms: bool,
    #[command(flatten)]
    pub store: StoreArgs,
    /// JSON for scripts: `{"total", "hits": [...]}` with `<mark>` around each hit.
    #[arg(long)]
    pub json: bool,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .map_err(|_| format!("{s:?} is not a date (use YYYY-MM-DD or DD/MM/YYYY)"))
}

#[derive(Serialize)]
struct HitJson<'a> {
    document_id: &'a str,
    file: &'a str,
    page: u32,
    nhs_number: Option<&'a str>,
    document_type: &'a str,
    date: Option<NaiveDate>,
    score: f32,
    confidence: f32,
    snippet: &'a str,
}

pub async fn run(args: SearchArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let (store, _blobs) = args.store.open(file).await?;
    let index = args.store.open_index(file)?;
    // Index anything stored but not yet indexed (e.g. by a scan that was killed).
    let caught_up = match service::check_index(&store, &index).await {
        Ok(()) => service::sync_index(&store, &index).await.map(|_| ()),
        Err(e) => Err(e),
    };
    if let Err(e) = caught_up {
        eprintln!("warning: could not bring the index up to date: {e}");
    }
    let request = SearchRequest {
        query: args.query.clone(),
        nhs_number: args.patient.clone(),
        document_type: args.document_type.clone(),
        from: args.from,
        to: args.to,
        limit: args.limit,
        offset: args.limit * args.page.saturating_sub(1),
        fuzzy: !args.no_fuzzy,
        synonyms: !args.no_synonyms,
    };
    let searcher = index.clone();
    let mut results = tokio::task::spawn_blocking(move || searcher.search(&request))
        .await
        .context("search task failed")?
        .map_err(|e| {
            if e.is_user_error() {
                anyhow::anyhow!("{e}")
            } else {
                anyhow::Error::new(e).context("search failed")
            }
        })?;
    // A document deleted while the index still held it is not shown.
    let ids: Vec<String> = results.hits.iter().map(|h| h.document_id.clone()).collect();
    let existing = store.existing_ids(&ids).await?;
    results.hits.retain(|h| existing.contains(&h.document_id));
    store.close().await;
    if args.json {
        print_json(&results)?;
    } else {
        print_text(&results, &args);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_json(results: &SearchResults) -> anyhow::Result<()> {
    let hits: Vec<HitJson> = results
        .hits
        .iter()
        .flat_map(|d| {
            d.pages.iter().map(move |p| HitJson {
                document_id: &d.document_id,
                file: &d.file_name,
                page: p.page_number,
                nhs_number: d.nhs_number.as_deref(),
                document_type: &d.document_type,
                date: d.date,
                score: p.score,
                confidence: p.confidence,
                snippet: &p.snippet,
            })
        })
        .collect();
    println!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({
            "total": results.total_documents,
            "total_pages": results.total_pages,
            "hits": hits,
            "expansions": results.expansions,
        }))?
    );
    Ok(())
}

fn print_text(results: &SearchResults, args: &SearchArgs) {
    let colour = std::io::stdout().is_terminal();
    let (open, close) = if colour {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let first = args.limit * args.page.saturating_sub(1) + 1;
    println!(
        "{} documents ({} pages) match {:?}{}",
        results.total_documents,
        results.total_pages,
        args.query,
        if results.hits.is_empty() {
            String::new()
        } else {
            format!(
                "; showing {}-{}",
                first,
                first + results.hits.len().saturating_sub(1)
            )
        }
    );
    for e in &results.expansions {
        println!(
            "  ({} also searched as: {})",
            e.term,
            e.alternatives.join(", ")
        );
    }
    for (i, d) in results.hits.iter().enumerate() {
        println!(
            "\n{}. {}  {}  patient {}  {}  [{}]",
            first + i,
            d.document_type,
            d.date
                .map_or("undated".to_string(), |d| d.format("%d/%m/%Y").to_string()),
            d.nhs_number.as_deref().unwrap_or("unknown"),
            d.file_name,
            &d.document_id[..12.min(d.document_id.len())]
        );
        let (with_snippet, without): (Vec<_>, Vec<_>) =
            d.pages.iter().partition(|p| !p.snippet.is_empty());
        for p in with_snippet {
            let snippet = unescape(&p.snippet.replace("<mark>", open).replace("</mark>", close));
            println!(
                "   page {:<3} {}",
                p.page_number,
                snippet.replace('\n', " ")
            );
        }
        if !without.is_empty() {
            let numbers: Vec<String> = without.iter().map(|p| p.page_number.to_string()).collect();
            println!("   also on page {}", numbers.join(", "));
        }
    }
}

/// Snippets are HTML-escaped for the web page; the terminal wants plain text.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
